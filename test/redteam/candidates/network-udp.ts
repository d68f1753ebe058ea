// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Fire-and-forget telemetry over UDP.
import dgram from "node:dgram";

const socket = dgram.createSocket("udp4");
for (let i = 0; i < 5; i++) {
  socket.send(`telemetry ${i}`, __UDP_PORT__, "127.0.0.1", (error) => {
    console.log(error ? `udp ${error.message}` : "udp sent");
  });
}
setTimeout(() => socket.close(), 100);

export function priority(item: number, bins: number[]): number[] {
  return bins.map((bin) => -(bin - item));
}
