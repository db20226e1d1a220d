import { describe, expect, it } from "vitest";
import { percentile, ratio } from "./stats.ts";

describe("percentile (nearest rank)", () => {
  it.each([
    [[5, 1, 3], 50, 3],
    [[5, 1, 3], 0, 1],
    [[5, 1, 3], 100, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99, 10],
    [[42], 99, 42],
  ])("of %j at %d is %d", (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it("is NaN without values", () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it("refuses a percentile outside 0 to 100", () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("ratio", () => {
  it("divides", () => {
    expect(ratio(25, 100)).toBe(0.25);
  });

  it.each([0, -1, NaN])("is null over %d", (whole) => {
    expect(ratio(1, whole)).toBeNull();
  });
});
