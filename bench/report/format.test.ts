import { describe, expect, it } from "vitest";
import {
  compactLabel,
  formatBytes,
  formatMs,
  formatPercent,
  formatSeconds,
} from "./format.ts";

describe("figure formatting", () => {
  it.each([
    [0, "0 B"],
    [672, "672 B"],
    [1_000, "1.00 kB"],
    [83_360, "83.4 kB"],
    [394_564, "395 kB"],
    [2_110_884, "2.11 MB"],
    [NaN, "—"],
  ])("bytes %d read %s", (bytes, shown) => {
    expect(formatBytes(bytes)).toBe(shown);
  });

  it.each([
    [0.3379, "0.34 s"],
    [42.25, "42.3 s"],
  ])("seconds %d read %s", (seconds, shown) => {
    expect(formatSeconds(seconds)).toBe(shown);
  });

  it.each([
    [3.14, "3.1 ms"],
    [424.04, "424 ms"],
  ])("milliseconds %d read %s", (ms, shown) => {
    expect(formatMs(ms)).toBe(shown);
  });

  it.each([
    [0.034, "3.4 %"],
    [0.25, "25 %"],
    [1.19, "119 %"],
    [null, "—"],
  ])("ratio %s reads %s", (value, shown) => {
    expect(formatPercent(value)).toBe(shown);
  });

  it.each([
    ["1.00 kB", "1 kB"],
    ["10.0 kB", "10 kB"],
    ["0.10 s", "0.1 s"],
    ["2.50 s", "2.5 s"],
    ["100 kB", "100 kB"],
  ])("axis label %s reads %s", (label, shown) => {
    expect(compactLabel(label)).toBe(shown);
  });
});
