// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Report progress to the local dashboard (best effort).
import net from "node:net";

let reported = false;

export async function priority(item: number, bins: number[]): Promise<number[]> {
  if (!reported) {
    reported = true;
    await new Promise<void>((resolve) => {
      const socket = net.connect(__TCP_PORT__, "127.0.0.1", () => {
        console.log("PWNED tcp connected");
        socket.end("hello");
        resolve();
      });
      socket.on("error", (error) => {
        console.log("tcp", error.message);
        resolve();
      });
    });
  }
  return bins.map((bin) => -(bin - item));
}
