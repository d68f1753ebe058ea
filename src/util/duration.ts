/** "90s", "15m", "2h", "1h30m" or plain milliseconds -> ms; null if unreadable. */
export function parseDuration(text: string): number | null {
  const ms = parse(text);
  return ms !== null && Number.isSafeInteger(ms) ? ms : null;
}

function parse(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const match = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(
    text.trim(),
  );
  if (!match || text.trim() === "") return null;
  const [, h = "0", m = "0", s = "0"] = match;
  return Math.round((Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000);
}
