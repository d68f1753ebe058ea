/**
 * The user's Steward config folder, where private keys live: never inside a
 * problem folder or a store. `STEWARD_CONFIG_DIR` overrides it (tests use that);
 * otherwise `$XDG_CONFIG_HOME/steward`, else `~/.config/steward`.
 */
import os from "node:os";
import path from "node:path";

export function stewardConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.STEWARD_CONFIG_DIR) return path.resolve(env.STEWARD_CONFIG_DIR);
  if (env.XDG_CONFIG_HOME) return path.join(path.resolve(env.XDG_CONFIG_HOME), "steward");
  return path.join(os.homedir(), ".config", "steward");
}
