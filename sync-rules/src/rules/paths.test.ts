import { describe, expect, it } from "vitest";
import {
  canonical,
  changedPaths,
  covers,
  getPath,
  overlaps,
  setPath,
} from "./paths.ts";
import { compareTimes, timeKey } from "./time.ts";

describe("paths", () => {
  const doc = { a: 1, payment: { method: "cash", status: "pending" } };

  it.each([
    ["a", 1],
    ["payment.status", "pending"],
    ["payment.missing", undefined],
    ["a.b", undefined],
  ])("getPath(%s)", (path, expected) => {
    expect(getPath(doc, path)).toEqual(expected);
  });

  it("setPath sets, creates parents and removes with undefined", () => {
    const copy: Record<string, unknown> = structuredClone(doc);
    setPath(copy, "payment.status", "paid");
    setPath(copy, "location.lat", 4);
    setPath(copy, "a", undefined);
    setPath(copy, "nothing.here", undefined);
    expect(copy).toEqual({
      payment: { method: "cash", status: "paid" },
      location: { lat: 4 },
    });
  });

  it.each([
    [{ a: 1 }, { a: 1 }, []],
    [{ a: 1 }, { a: 2 }, ["a"]],
    [{ a: 1 }, {}, ["a"]],
    [{ p: { m: 1, s: 1 } }, { p: { m: 1, s: 2 } }, ["p.s"]],
    [{ l: [1, 2] }, { l: [2, 1] }, ["l"]],
    [{ o: { x: 1 } }, { o: null }, ["o"]],
  ])("changedPaths(%j, %j)", (before, after, expected) => {
    expect(changedPaths(before, after)).toEqual(expected);
  });

  it("canonical ignores key order and undefined fields", () => {
    expect(canonical({ b: 1, a: [{ d: 1, c: undefined }] })).toBe(
      canonical({ a: [{ d: 1 }], b: 1 }),
    );
    expect(canonical(undefined)).toBe("undefined");
  });

  it.each([
    ["payment", "payment.status", true, true],
    ["payment.status", "payment", false, true],
    ["pay", "payment", false, false],
    ["a", "a", true, true],
  ])("covers/overlaps(%s, %s)", (a, b, cover, overlap) => {
    expect(covers(a, b)).toBe(cover);
    expect(overlaps(a, b)).toBe(overlap);
  });
});

describe("recorded times", () => {
  it.each([
    ["2026-05-01T08:00:00Z", "2026-05-01T08:00:00.000Z", 0],
    ["2026-05-01T08:00:00.5Z", "2026-05-01T08:00:00.123456Z", 1],
    ["2026-05-01T08:00:00Z", "2026-05-01T08:00:00.001Z", -1],
    ["2026-05-01T07:59:59.999999Z", "2026-05-01T08:00:00Z", -1],
  ])("compareTimes(%s, %s) = %i", (a, b, sign) => {
    expect(Math.sign(compareTimes(a, b))).toBe(sign);
    expect(Math.sign(compareTimes(b, a))).toBe(0 - sign || 0);
  });

  it("leaves text that is not a UTC time as it is", () => {
    expect(timeKey("yesterday")).toBe("yesterday");
  });
});
