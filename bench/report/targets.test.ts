import { describe, expect, it } from "vitest";
import { judgeTargets, TARGETS } from "./targets.ts";
import { measuredResult, testReport } from "./test-report.ts";

const verdicts = (report = testReport()) =>
  judgeTargets(report).map((r) => [
    r.target.scenario,
    r.target.metric,
    r.verdict,
    r.value === null ? null : Number(r.value.toFixed(3)),
  ]);

describe("targets", () => {
  it("lists the issue's targets", () => {
    expect(TARGETS.map((t) => `${t.scenario} ${t.metric} ${t.label}`)).toEqual([
      "catalog-cold bytes ≤ 40 %",
      "catalog-incremental bytes ≤ 25 %",
      "catalog-incremental seconds ≤ 33 %",
      "catalog-incremental syncRoundTrips ≤ 2",
      "rider-reconnect bytes ≤ 25 %",
      "rider-reconnect seconds ≤ 33 %",
      "rider-reconnect syncRoundTrips ≤ 2",
      "order-offline syncRoundTrips ≤ 2",
      "fan-out p99Ms < 100 ms",
    ]);
  });

  it("judges the SDK against PouchDB and the absolute bounds", () => {
    expect(verdicts()).toEqual([
      ["rider-reconnect", "bytes", "pass", 0.025],
      ["rider-reconnect", "seconds", "miss", 0.5],
      ["rider-reconnect", "syncRoundTrips", "pass", 2],
      ["fan-out", "p99Ms", "miss", 420],
    ]);
  });

  it("gives no time verdict on an unshaped link", () => {
    const results = judgeTargets(testReport({ profile: null }));
    const seconds = results.find((r) => r.target.metric === "seconds");
    expect(seconds).toMatchObject({ verdict: "n/a", note: "unshaped link" });
  });

  it("gives no ratio verdict without the baseline", () => {
    const report = testReport();
    report.sync = report.sync.filter((r) => r.approach !== "pouchdb");
    const bytes = judgeTargets(report).find((r) => r.target.metric === "bytes");
    expect(bytes).toMatchObject({ verdict: "n/a", note: "no PouchDB figures" });
  });

  it("takes ≤ 2 round trips as inclusive, < 100 ms as strict", () => {
    const report = testReport();
    report.sync = [
      measuredResult("rider-reconnect", "sdk", { syncRoundTrips: 3 }),
    ];
    if (report.fanout?.outcome.status === "measured") {
      report.fanout.outcome.metrics.p99Ms = 100;
    }
    const byMetric = new Map(
      judgeTargets(report).map((r) => [r.target.metric, r.verdict]),
    );
    expect(byMetric.get("syncRoundTrips")).toBe("miss");
    expect(byMetric.get("p99Ms")).toBe("miss");
  });
});
