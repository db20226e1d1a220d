import { describe, expect, it } from "vitest";
import { escapeXml, logRange, renderChart } from "./chart.ts";
import { testReport } from "./test-report.ts";

describe("renderChart", () => {
  it("draws one bar per measured approach in each panel", () => {
    const svg = renderChart(testReport());
    expect(svg.startsWith("<svg xmlns=")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    // 3 legend swatches + 3 bars × 2 panels + the background.
    expect(svg.match(/<rect /g)).toHaveLength(10);
    expect(svg).toContain(">200 kB</text>");
    expect(svg).toContain(">6.00 s</text>");
  });

  it("writes the status where a bar is missing", () => {
    const report = testReport();
    report.sync[2] = {
      scenario: "rider-reconnect",
      approach: "pouchdb",
      outcome: { status: "failed", error: "TIMEOUT" },
    };
    const svg = renderChart(report);
    expect(svg.match(/>failed<\/text>/g)).toHaveLength(2);
  });

  it("escapes text", () => {
    expect(escapeXml(`a<b & "c">`)).toBe("a&lt;b &amp; &quot;c&quot;&gt;");
  });

  it.each([
    [
      [672, 83_350],
      [2, 5],
    ],
    [[1_000], [3, 4]],
    [
      [0.3, 4.2],
      [-1, 1],
    ],
    [[], [0, 1]],
  ])("spans %j with powers of ten %j", (values, range) => {
    expect(logRange(values)).toEqual(range);
  });
});
