/** The two ~1 MB programs the deploy kill test alternates between (sizes differ, too). */
function program(label: string, lines: number): Buffer {
  const line = (i: number) => `export const ${label}${i} = "${label} line ${i}";\n`;
  return Buffer.from(Array.from({ length: lines }, (_, i) => line(i)).join(""));
}

export const OLD_CONTENT = program("old", 24_000);
export const NEW_CONTENT = program("new", 25_000);
