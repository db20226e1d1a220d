/**
 * Finds WebSocket frame boundaries (RFC 6455 §5.2) in one direction of an
 * upgraded connection. Payloads are skipped, never buffered or unmasked,
 * so compressed (permessage-deflate) frames count the same as plain ones.
 */
import { concatBytes, EMPTY } from "./bytes.ts";

export const WsOpcode = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

export interface WsFrameHead {
  readonly fin: boolean;
  readonly opcode: number;
  readonly payloadLength: number;
}

/** Control frames have the high bit of the opcode set. */
export function isControl(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}

/** A data frame that completes a message: unfragmented or the last part. */
export function endsMessage(frame: WsFrameHead): boolean {
  return (
    frame.fin &&
    (frame.opcode === WsOpcode.text ||
      frame.opcode === WsOpcode.binary ||
      frame.opcode === WsOpcode.continuation)
  );
}

export class WsFrameReader {
  readonly #onFrame: (frame: WsFrameHead) => void;
  /** Bytes of an unfinished frame header (at most 14). */
  #header: Uint8Array = EMPTY;
  /** Payload bytes still to skip. */
  #skip = 0;
  #broken = false;

  constructor(onFrame: (frame: WsFrameHead) => void) {
    this.#onFrame = onFrame;
  }

  /** True once a length past 2^53 made the stream unreadable. */
  get broken(): boolean {
    return this.#broken;
  }

  push(data: Uint8Array): void {
    let rest = data;
    while (rest.length > 0 && !this.#broken) {
      if (this.#skip > 0) {
        const n = Math.min(this.#skip, rest.length);
        this.#skip -= n;
        rest = rest.subarray(n);
        continue;
      }
      rest = this.#readHeader(rest);
    }
  }

  #readHeader(data: Uint8Array): Uint8Array {
    const joined = concatBytes(this.#header, data);
    const size = headerSize(joined);
    if (size === undefined || joined.length < size) {
      this.#header = joined.subarray(0, 14);
      return EMPTY;
    }
    this.#header = EMPTY;
    const payloadLength = readPayloadLength(joined);
    if (payloadLength === undefined) {
      this.#broken = true;
      return EMPTY;
    }
    const b0 = joined[0] ?? 0;
    this.#skip = payloadLength;
    this.#onFrame({ fin: (b0 & 0x80) !== 0, opcode: b0 & 0x0f, payloadLength });
    return joined.subarray(size);
  }
}

/** The header's size, once its first two bytes are known. */
function headerSize(bytes: Uint8Array): number | undefined {
  const b1 = bytes[1];
  if (b1 === undefined) return undefined;
  const len7 = b1 & 0x7f;
  const extended = len7 === 126 ? 2 : len7 === 127 ? 8 : 0;
  const mask = (b1 & 0x80) !== 0 ? 4 : 0;
  return 2 + extended + mask;
}

function readPayloadLength(bytes: Uint8Array): number | undefined {
  const len7 = (bytes[1] ?? 0) & 0x7f;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (len7 === 126) return view.getUint16(2);
  if (len7 !== 127) return len7;
  const long = view.getBigUint64(2);
  return long > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(long);
}
