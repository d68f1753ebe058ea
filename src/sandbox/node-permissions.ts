/**
 * Node's permission model, the second belt inside the sandbox: it blocks file
 * access outside the allowed folders, child processes, workers and addons (but
 * not the network or signals; the sandbox itself covers those).
 */
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);

/** Node 22.13+ and 23.5+ call it `--permission` and take folders as they are. */
const stable = major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13);

export function nodePermissionArgs(allow: { read: string[]; write: string[] }): string[] {
  const folder = (dir: string) => (stable ? dir : `${dir.replace(/\/$/, "")}/*`);
  return [
    stable ? "--permission" : "--experimental-permission",
    ...allow.read.map((dir) => `--allow-fs-read=${folder(dir)}`),
    ...allow.write.map((dir) => `--allow-fs-write=${folder(dir)}`),
  ];
}
