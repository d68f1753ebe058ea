/** The whole red-team corpus, by category. */
import type { Attack } from "../attack.ts";
import { ESCAPE } from "./escape.ts";
import { FORGERY } from "./forgery.ts";
import { NETWORK } from "./network.ts";
import { PERSISTENCE } from "./persistence.ts";
import { RESOURCES } from "./resources.ts";
import { SECRETS_ATTACKS } from "./secrets.ts";

export const CORPUS: Attack[] = [
  ...ESCAPE,
  ...SECRETS_ATTACKS,
  ...NETWORK,
  ...RESOURCES,
  ...FORGERY,
  ...PERSISTENCE,
];
