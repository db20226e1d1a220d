/**
 * Helpers for the link emulator's own tests: frames and byte streams built
 * by hand, so parsers are checked against the RFC layout rather than
 * against the library that produced the traffic.
 */

/** Builds one frame as RFC 6455 §5.2 lays it out. */
export function wsFrame(
  opcode: number,
  payloadLength: number,
  options: { fin?: boolean; masked?: boolean } = {},
): Uint8Array {
  const { fin = true, masked = false } = options;
  const extended = payloadLength < 126 ? 0 : payloadLength < 65536 ? 2 : 8;
  const size = 2 + extended + (masked ? 4 : 0) + payloadLength;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out[0] = (fin ? 0x80 : 0) | opcode;
  const len7 = extended === 0 ? payloadLength : extended === 2 ? 126 : 127;
  out[1] = (masked ? 0x80 : 0) | len7;
  if (extended === 2) view.setUint16(2, payloadLength);
  if (extended === 8) view.setBigUint64(2, BigInt(payloadLength));
  // Payload bytes that look like frame headers, to catch a misaligned read.
  out.fill(0x81, 2 + extended + (masked ? 4 : 0));
  return out;
}

export function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
