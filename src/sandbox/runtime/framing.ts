/**
 * Length-prefixed message framing for the evaluator <-> sandbox channel.
 *
 * A frame is a 4-byte big-endian length followed by a V8 structured-clone
 * payload. The reader refuses frames larger than its cap, so a candidate cannot
 * make the evaluator buffer unbounded data. Both sides use this file; inside the
 * sandbox it runs as plain JavaScript with no imports but Node built-ins.
 */
import { deserialize, serialize } from "node:v8";

export function encodeFrame(message: unknown): Buffer {
  const payload = serialize(message);
  const header = Buffer.allocUnsafe(4);
  header.writeUInt32BE(payload.length, 0);
  return Buffer.concat([header, payload]);
}

export class FrameTooLargeError extends Error {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`message of ${size} bytes exceeds the ${limit}-byte limit`);
    this.name = "FrameTooLargeError";
  }
}

/** Feeds bytes in, calls `onMessage` for every complete frame. */
export class FrameReader {
  #chunks: Buffer[] = [];
  #buffered = 0;
  readonly #maxFrameBytes: number;
  readonly #onMessage: (message: unknown) => void;

  constructor(maxFrameBytes: number, onMessage: (message: unknown) => void) {
    this.#maxFrameBytes = maxFrameBytes;
    this.#onMessage = onMessage;
  }

  /** Throws FrameTooLargeError or a deserialisation error on bad input. */
  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    while (this.#buffered >= 4) {
      const head = this.#peek(4);
      const size = head.readUInt32BE(0);
      if (size > this.#maxFrameBytes) throw new FrameTooLargeError(size, this.#maxFrameBytes);
      if (this.#buffered < 4 + size) return;
      const frame = this.#take(4 + size);
      this.#onMessage(deserialize(frame.subarray(4)));
    }
  }

  #peek(n: number): Buffer {
    if (this.#chunks.length > 1 && (this.#chunks[0]?.length ?? 0) < n) {
      this.#chunks = [Buffer.concat(this.#chunks)];
    }
    return (this.#chunks[0] as Buffer).subarray(0, n);
  }

  #take(n: number): Buffer {
    const all =
      this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks);
    const frame = all.subarray(0, n);
    const rest = all.subarray(n);
    this.#chunks = rest.length > 0 ? [rest] : [];
    this.#buffered = rest.length;
    return frame;
  }
}
