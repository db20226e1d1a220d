import { describe, expect, it } from "vitest";
import {
  chance,
  intBetween,
  mulberry32,
  pick,
  rngFor,
  shuffled,
} from "./random.ts";

const draw = (rng: () => number, n: number) =>
  Array.from({ length: n }, () => rng());

describe("mulberry32", () => {
  it("repeats its sequence for the same seed", () => {
    expect(draw(mulberry32(7), 50)).toEqual(draw(mulberry32(7), 50));
  });

  it("pins the first values, so output never drifts between releases", () => {
    expect(draw(mulberry32(1), 3)).toMatchInlineSnapshot(`
      [
        0.6270739405881613,
        0.002735721180215478,
        0.5274470399599522,
      ]
    `);
  });

  it("stays in [0, 1) and spreads evenly", () => {
    const values = draw(mulberry32(3), 10_000);
    expect(values.every((x) => x >= 0 && x < 1)).toBe(true);
    const low = values.filter((x) => x < 0.5).length;
    expect(low).toBeGreaterThan(4800);
    expect(low).toBeLessThan(5200);
  });
});

describe("rngFor", () => {
  it("gives independent streams per label and per seed", () => {
    const first = (seed: number, label: string) => draw(rngFor(seed, label), 3);
    expect(first(1, "a")).toEqual(first(1, "a"));
    expect(first(1, "a")).not.toEqual(first(1, "b"));
    expect(first(1, "a")).not.toEqual(first(2, "a"));
  });
});

describe("helpers", () => {
  it("intBetween covers both ends and nothing else", () => {
    const rng = mulberry32(5);
    const seen = new Set(
      Array.from({ length: 500 }, () => intBetween(rng, 1, 4)),
    );
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });

  it("chance follows its probability", () => {
    const rng = mulberry32(9);
    const hits = Array.from({ length: 10_000 }, () => chance(rng, 0.1));
    const n = hits.filter(Boolean).length;
    expect(n).toBeGreaterThan(900);
    expect(n).toBeLessThan(1100);
  });

  it("pick refuses an empty array", () => {
    expect(() => pick(mulberry32(1), [])).toThrow(RangeError);
  });

  it("shuffled permutes a copy and leaves the input alone", () => {
    const input = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8]);
    const out = shuffled(mulberry32(11), input);
    expect(out).not.toEqual(input);
    expect([...out].sort()).toEqual([...input]);
  });
});
