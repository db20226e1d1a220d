/**
 * Byte helpers over plain `Uint8Array`. The link code avoids `Buffer` in
 * its types: `@types/pouchdb-core` (a server dependency) redeclares a
 * global `Buffer` that no longer type-checks as a `Uint8Array`.
 */

export const EMPTY = new Uint8Array(0);

export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** First index of `needle` in `haystack` at or after `from`, or -1. */
export function indexOfBytes(
  haystack: Uint8Array,
  needle: Uint8Array,
  from = 0,
): number {
  const first = needle[0];
  if (first === undefined) return from;
  let i = haystack.indexOf(first, from);
  while (i !== -1 && i + needle.length <= haystack.length) {
    if (startsWith(haystack, needle, i)) return i;
    i = haystack.indexOf(first, i + 1);
  }
  return -1;
}

export function startsWith(
  bytes: Uint8Array,
  prefix: Uint8Array,
  at = 0,
): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let j = 0; j < prefix.length; j++) {
    if (bytes[at + j] !== prefix[j]) return false;
  }
  return true;
}

const latin1 = new TextDecoder("latin1");

/** HTTP heads are bytes; latin1 maps each one to one character. */
export function latin1Text(bytes: Uint8Array, start: number, end: number) {
  return latin1.decode(bytes.subarray(start, end));
}

export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
