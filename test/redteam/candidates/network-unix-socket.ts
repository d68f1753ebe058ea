// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Talk to a local helper over a unix socket (abstract or on disk).
import net from "node:net";

let tried = false;

function attempt(path: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ path }, () => {
      console.log("PWNED unix socket", JSON.stringify(path));
      socket.destroy();
      resolve();
    });
    socket.on("error", (error) => {
      console.log("unix", JSON.stringify(path), error.message);
      resolve();
    });
  });
}

export async function priority(item: number, bins: number[]): Promise<number[]> {
  if (!tried) {
    tried = true;
    for (const path of ["\0__UNIX_NAME__", "/var/run/docker.sock", "/run/dbus/system_bus_socket"])
      await attempt(path);
  }
  return bins.map((bin) => -(bin - item));
}
