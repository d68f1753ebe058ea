/**
 * Child of deploy-kill.int.test.ts: says "ready", waits for a line on stdin,
 * then deploys the old and the new content to argv[2] alternately, forever,
 * printing "w" after each complete write, until it is killed.
 */
import { writeFileAtomic } from "../../src/oversight/write-atomic.ts";
import { NEW_CONTENT, OLD_CONTENT } from "./deploy-contents.ts";

const target = process.argv[2];
if (!target) throw new Error("usage: deploy-loop.ts TARGET");

process.stdin.once("data", () => {
  process.stdout.write("go\n");
  for (let i = 0; ; i++) {
    writeFileAtomic(target, i % 2 === 0 ? NEW_CONTENT : OLD_CONTENT);
    process.stdout.write("w\n");
  }
});
process.stdout.write("ready\n");
