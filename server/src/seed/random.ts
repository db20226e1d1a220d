/**
 * A small seeded pseudo-random generator for demo data. Demo catalogues
 * must come out byte-identical for a given seed on every machine, so
 * nothing here touches `Math.random`, the clock or the locale.
 *
 * Never use this for secrets: it is predictable by design.
 */

/** Returns a float in [0, 1), like `Math.random`. */
export type Rng = () => number;

/**
 * mulberry32: a 32-bit state generator, fast and good enough for
 * shuffling a catalogue. Same seed, same sequence.
 */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * An independent stream for one part of the data (one store, the riders),
 * so that changing how much one part draws leaves the others unchanged.
 * The label is mixed into the seed with FNV-1a.
 */
export function rngFor(seed: number, label: string): Rng {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  }
  return mulberry32(hash);
}

/** An integer in [min, max], both ends included. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** True with probability `p`. */
export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** A uniformly chosen element; the array must not be empty. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new RangeError("pick() from an empty array");
  return item;
}

/** A shuffled copy (Fisher-Yates); the input is left as it is. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
