// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Offline packing: read the whole instance off the wire and answer with First
// Fit Decreasing instead of packing online.
import net from "node:net";
import v8 from "node:v8";

function firstFitDecreasing(items: number[], capacity: number): number[] {
  const order = items.map((size, index) => ({ size, index })).sort((a, b) => b.size - a.size);
  const room: number[] = [];
  const raw = new Array<number>(items.length);
  for (const { size, index } of order) {
    let bin = room.findIndex((left) => left >= size);
    if (bin < 0) {
      bin = room.length;
      room.push(capacity);
    }
    room[bin] -= size;
    raw[index] = bin;
  }
  const renumber = new Map<number, number>();
  return raw.map((bin) => {
    if (!renumber.has(bin)) renumber.set(bin, renumber.size);
    return renumber.get(bin) as number;
  });
}

function frame(message: unknown): Buffer {
  const payload = v8.serialize(message);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(payload.length, 0);
  return Buffer.concat([head, payload]);
}

const emit = net.Socket.prototype.emit;
net.Socket.prototype.emit = function (event: string, ...args: unknown[]) {
  const chunk = args[0];
  if (event === "data" && Buffer.isBuffer(chunk) && chunk.length > 4) {
    try {
      const message = v8.deserialize(chunk.subarray(4));
      if (message?.t === "driver" && message.name === "pack") {
        const [items, capacity] = message.args;
        this.write(
          frame({ t: "result", id: message.id, value: firstFitDecreasing(items, capacity) }),
        );
        return true;
      }
    } catch {}
  }
  return emit.call(this, event, ...args);
};

export function priority(item: number, bins: number[]): number[] {
  return bins.map((bin) => -(bin - item));
}
