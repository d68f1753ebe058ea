/** Fresh copies of an example for one test file, all removed after its tests. */
import { afterAll } from "vitest";
import { copyExample } from "./run-cli.ts";

/** Returns a function that makes one more copy of `name` and gives its folder. */
export function exampleCopies(name: string): () => string {
  const removes: Array<() => void> = [];
  afterAll(() => {
    for (const remove of removes) remove();
  });
  return () => {
    const copy = copyExample(name);
    removes.push(copy.remove);
    return copy.dir;
  };
}
