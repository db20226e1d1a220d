import { describe, expect, it } from "vitest";
import { renderTable } from "./table.ts";
import { judgeTargets } from "./targets.ts";
import { testReport } from "./test-report.ts";

function render(report = testReport()): string[] {
  return renderTable(report, judgeTargets(report)).split("\n");
}

describe("renderTable", () => {
  it("names the link and the machine's load", () => {
    const [link, machine] = render();
    expect(link).toBe(
      "Link: regular2g: 250 kbit/s down, 50 kbit/s up, 300 ms round trip",
    );
    expect(machine).toBe(
      "Machine: 2 CPUs, load average 0.5 → 1.5 (start → end)",
    );
  });

  it("says which SDK optimizations were off", () => {
    expect(render()[2]).toBe("");
    const lines = render(testReport({ without: ["deflate"] }));
    expect(lines[2]).toBe("SDK without: deflate");
  });

  it("puts the approaches side by side with shares and markers", () => {
    const lines = render();
    const row = (figure: string) =>
      lines
        .find((l) => l.includes(`| ${figure} `))
        ?.split("|")
        .map((c) => c.trim())
        .slice(1, -1);
    expect(row("bytes up")?.[0]).toBe("rider-reconnect");
    expect(row("bytes total")).toEqual([
      "",
      "bytes total",
      "5.00 kB",
      "49.0 kB",
      "200 kB",
      "2.5 %",
      "25 %",
      "≤ 25 %",
      "pass",
    ]);
    expect(row("seconds")?.slice(2)).toEqual([
      "3.00 s",
      "2.00 s",
      "6.00 s",
      "50 %",
      "33 %",
      "≤ 33 %",
      "MISS",
    ]);
    expect(row("p99 delay")?.slice(1)).toEqual([
      "p99 delay",
      "420 ms",
      "n/a",
      "n/a",
      "",
      "",
      "< 100 ms",
      "MISS",
    ]);
  });

  it("marks approaches without figures and says why under the table", () => {
    const report = testReport();
    report.sync[0] = {
      scenario: "rider-reconnect",
      approach: "sdk",
      outcome: { status: "pending", reason: "no createOkadaClient yet" },
    };
    const lines = render(report);
    expect(lines.find((l) => l.includes("| bytes up "))).toMatch(
      /\| +pending \|/,
    );
    expect(lines.at(-1)).toBe(
      "- rider-reconnect × sdk: pending: no createOkadaClient yet",
    );
  });

  it("calls seconds on an unshaped link what they are", () => {
    const lines = render(testReport({ profile: null }));
    expect(lines[0]).toContain("unshaped link");
    expect(lines.some((l) => l.includes("seconds (unshaped)"))).toBe(true);
  });
});
