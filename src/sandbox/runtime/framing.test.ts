import { describe, expect, it } from "vitest";
import { encodeFrame, FrameReader, FrameTooLargeError } from "./framing.ts";

describe("framing", () => {
  it("round-trips structured-clone values split across arbitrary chunks", () => {
    const messages = [
      {
        t: "call",
        id: 1,
        name: "f",
        args: [1, Number.NaN, Number.POSITIVE_INFINITY, [1, 2], new Float64Array([0.5])],
      },
      { t: "result", id: 2, value: "x".repeat(100_000) },
      { t: "result", id: 3, value: null },
    ];
    const bytes = Buffer.concat(messages.map(encodeFrame));
    const received: unknown[] = [];
    const reader = new FrameReader(1 << 20, (m) => received.push(m));
    for (let i = 0; i < bytes.length; i += 7) reader.push(bytes.subarray(i, i + 7));
    expect(received).toEqual(messages);
  });

  it("refuses a frame larger than its cap before buffering it", () => {
    const reader = new FrameReader(1024, () => {});
    const header = Buffer.alloc(4);
    header.writeUInt32BE(1 << 30, 0);
    expect(() => reader.push(header)).toThrow(FrameTooLargeError);
  });

  it("throws on a payload that is not a valid serialisation", () => {
    const reader = new FrameReader(1024, () => {});
    const frame = Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.from([0xff, 0x0f, 0x99])]);
    expect(() => reader.push(frame)).toThrow();
  });
});
