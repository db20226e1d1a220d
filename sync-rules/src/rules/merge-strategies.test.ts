import { describe, expect, it } from "vitest";
import type { UnitValues } from "./merge-strategies.ts";
import {
  counter,
  furthest,
  keepMaster,
  latest,
  lww,
  newest,
  union,
} from "./merge-strategies.ts";

const T1 = "2026-05-01T08:01:00.000Z";
const T2 = "2026-05-01T08:02:00.000Z";

function values(
  base: unknown,
  ours: unknown,
  theirs: unknown,
  oursTime = T1,
  theirsTime = T2,
): UnitValues {
  const common = { ours: [ours], theirs: [theirs], oursTime, theirsTime };
  return base === undefined ? common : { ...common, base: [base] };
}

/** Runs a strategy with ours and theirs swapped (times swapped too). */
function swapped(v: UnitValues): UnitValues {
  const common = {
    ours: v.theirs,
    theirs: v.ours,
    oursTime: v.theirsTime,
    theirsTime: v.oursTime,
  };
  return v.base === undefined ? common : { ...common, base: v.base };
}

describe("lww: three-way, then last writer by updatedAt", () => {
  it.each([
    ["only ours changed", values("a", "b", "a"), "b"],
    ["only theirs changed", values("a", "a", "c"), "c"],
    ["both changed, theirs later", values("a", "b", "c"), "c"],
    ["both changed, ours later", values("a", "b", "c", T2, T1), "b"],
    [
      "both changed, same time: greater value",
      values("a", "b", "c", T1, T1),
      "c",
    ],
    ["both made the same change", values("a", "b", "b"), "b"],
    ["no base: later wins", values(undefined, "b", "c", T2, T1), "b"],
  ])("%s", (_case, input, expected) => {
    expect(lww()(input)).toEqual([expected]);
    expect(lww()(swapped(input))).toEqual([expected]);
  });

  it("merges a unit of several fields as one value", () => {
    const input: UnitValues = {
      base: [["x"], 1],
      ours: [["y"], 1],
      theirs: [["z"], 2],
      oursTime: T2,
      theirsTime: T1,
    };
    expect(lww()(input)).toEqual([["y"], 1]);
  });
});

describe("counter: deltas replayed, never overwritten", () => {
  const stock = counter({ min: 0, max: 1000 });
  it.each([
    ["+5 arrives after -2", values(10, 15, 8), 13],
    ["-2 arrives after +5", values(10, 8, 15), 13],
    ["only ours moved", values(10, 12, 10), 12],
    ["a decrease past zero stops at zero", values(10, 2, 3), 0],
    ["an increase past the maximum stops there", values(10, 900, 500), 1000],
    ["no base: last writer wins", values(undefined, 15, 8, T1, T2), 8],
  ])("%s", (_case, input, expected) => {
    expect(stock(input)).toEqual([expected]);
  });
});

describe("furthest: the state of highest rank", () => {
  const rank = { a: 0, b: 1, c: 2 };
  it.each([
    ["a", "b", "b"],
    ["c", "b", "c"],
    ["b", "b", "b"],
    ["unknown", "a", "a"],
  ])("%s vs %s", (ours, theirs, expected) => {
    const input = values("a", ours, theirs);
    expect(furthest(rank)(input)).toEqual([expected]);
    expect(furthest(rank)(swapped(input))).toEqual([expected]);
  });
});

describe("union: every element once, sorted", () => {
  const byNumber = union<number>((a, b) => a - b);
  it.each([
    [
      [1, 3],
      [2, 3],
      [1, 2, 3],
    ],
    [[], [2], [2]],
    [[5, 4], undefined, [4, 5]],
  ])("%j with %j", (ours, theirs, expected) => {
    const input = values([], ours, theirs);
    expect(byNumber(input)).toEqual([expected]);
    expect(byNumber(swapped(input))).toEqual([expected]);
  });

  it("orders elements the comparator calls equal by canonical form", () => {
    const byLength = union<string>((a, b) => a.length - b.length);
    expect(byLength(values([], ["bb", "a"], ["aa"]))).toEqual([
      ["a", "aa", "bb"],
    ]);
  });
});

describe("newest: the latest stamp inside the value", () => {
  const fix = (at: string, lat = 4) => ({ lat, recordedAt: at });
  const byStamp = newest(
    (v) => (v as { recordedAt?: string } | undefined)?.recordedAt,
  );
  it.each([
    ["later fix wins", fix(T1), fix(T2), fix(T2)],
    ["a fix beats none", fix(T1), undefined, fix(T1)],
    ["same stamp: greater value", fix(T1, 4), fix(T1, 5), fix(T1, 5)],
  ])("%s", (_case, ours, theirs, expected) => {
    const input = values(undefined, ours, theirs, T2, T1);
    expect(byStamp(input)).toEqual([expected]);
    expect(byStamp(swapped(input))).toEqual([expected]);
  });

  it("keeps ours when neither has a stamp", () => {
    expect(byStamp(values(undefined, 1, 2))).toEqual([1]);
  });
});

describe("keepMaster and latest", () => {
  it("keepMaster keeps theirs", () => {
    expect(keepMaster()(values(1, 2, 3))).toEqual([3]);
  });

  it.each([
    [T1, T2, T2],
    [T2, T1, T2],
    // One instant spelled two ways: the fixed tie-break picks one.
    ["2026-05-01T08:02:00Z", T2, "2026-05-01T08:02:00Z"],
  ])("latest(%s, %s)", (ours, theirs, expected) => {
    const input = values(undefined, ours, theirs);
    expect(latest()(input)).toEqual([expected]);
    expect(latest()(swapped(input))).toEqual([expected]);
  });
});
