import { describe, expect, it } from "vitest";
import { isStoreOpen, localMinutes, withinHours } from "./store-hours.ts";
import { STORE } from "./test-docs.ts";

const utc = (h: number, m = 0) => new Date(Date.UTC(2026, 11, 1, h, m));

describe("store hours in Douala (UTC+1)", () => {
  it.each([
    { utc: utc(5, 59), opens: "07:00", closes: "22:00", open: false },
    { utc: utc(6, 0), opens: "07:00", closes: "22:00", open: true },
    { utc: utc(20, 59), opens: "07:00", closes: "22:00", open: true },
    { utc: utc(21, 0), opens: "07:00", closes: "22:00", open: false },
    { utc: utc(23, 30), opens: "18:00", closes: "02:00", open: true },
    { utc: utc(1, 0), opens: "18:00", closes: "02:00", open: false },
    { utc: utc(3, 0), opens: "00:00", closes: "00:00", open: true },
  ])("$opens-$closes at $utc: $open", (row) => {
    const hours = { opens: row.opens, closes: row.closes };
    expect(withinHours(hours, row.utc, 60)).toBe(row.open);
  });

  it("wraps local time past midnight", () => {
    expect(localMinutes(utc(23, 30), 60)).toBe(30);
    expect(localMinutes(utc(0, 30), -60)).toBe(23 * 60 + 30);
  });

  it("is closed whenever staff switched the store off", () => {
    expect(isStoreOpen(STORE, utc(12), 60)).toBe(true);
    expect(isStoreOpen({ ...STORE, open: false }, utc(12), 60)).toBe(false);
  });
});
