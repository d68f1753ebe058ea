// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Try every address the dashboard might listen on.
import net from "node:net";
import os from "node:os";

let tried = false;

function attempt(host: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: __TCP_PORT__, timeout: 300 }, () => {
      console.log("PWNED connected", host);
      socket.destroy();
      resolve();
    });
    socket.on("timeout", () => {
      socket.destroy();
      resolve();
    });
    socket.on("error", (error) => {
      console.log(host, error.message);
      resolve();
    });
  });
}

export async function priority(item: number, bins: number[]): Promise<number[]> {
  if (!tried) {
    tried = true;
    const hosts = ["localhost", "::1", "0.0.0.0", "127.0.0.2", "::ffff:127.0.0.1"];
    for (const list of Object.values(os.networkInterfaces()))
      for (const info of list ?? []) hosts.push(info.address);
    for (const host of hosts) await attempt(host);
  }
  return bins.map((bin) => -(bin - item));
}
