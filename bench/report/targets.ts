/**
 * The targets of issue 7, judged from a report. They are figures with a
 * pass or miss marker, never assertions: a miss is news, not a failure.
 *
 * - rider-reconnect, catalog-incremental: SDK bytes at most 25 % of the
 *   PouchDB baseline's, and time at most a third of its time;
 * - catalog-cold: SDK bytes at most 40 % of the baseline's;
 * - at most 2 round trips per sync cycle once connected;
 * - fan-out: p99 delay under 100 ms with 1,000 clients.
 */
import type { ApproachName } from "../clients/types.ts";
import type { ScenarioName } from "../scenarios/types.ts";
import type { BenchReport, SyncMetrics } from "./model.ts";
import { ratio } from "./stats.ts";

export type Verdict = "pass" | "miss" | "n/a";

export type TargetMetric = "bytes" | "seconds" | "syncRoundTrips" | "p99Ms";

export interface Target {
  scenario: ScenarioName;
  metric: TargetMetric;
  /** Ratio metrics compare with PouchDB; others are absolute. */
  kind: "ratio" | "absolute";
  /** The largest passing value (ratio, count or ms). */
  max: number;
  /** true: the value must stay below `max`; false: at most `max`. */
  strict: boolean;
  /** As the table prints it: `≤ 25 %`. */
  label: string;
}

export const TARGETS: readonly Target[] = [
  ratioTarget("catalog-cold", "bytes", 0.4),
  ratioTarget("catalog-incremental", "bytes", 0.25),
  ratioTarget("catalog-incremental", "seconds", 1 / 3),
  roundTrips("catalog-incremental"),
  ratioTarget("rider-reconnect", "bytes", 0.25),
  ratioTarget("rider-reconnect", "seconds", 1 / 3),
  roundTrips("rider-reconnect"),
  roundTrips("order-offline"),
  {
    scenario: "fan-out",
    metric: "p99Ms",
    kind: "absolute",
    max: 100,
    strict: true,
    label: "< 100 ms",
  },
];

function ratioTarget(
  scenario: ScenarioName,
  metric: TargetMetric,
  max: number,
): Target {
  const shown = Math.round(max * 100);
  return {
    scenario,
    metric,
    kind: "ratio",
    max,
    strict: false,
    label: `≤ ${shown} %`,
  };
}

function roundTrips(scenario: ScenarioName): Target {
  return {
    scenario,
    metric: "syncRoundTrips",
    kind: "absolute",
    max: 2,
    strict: false,
    label: "≤ 2",
  };
}

export interface TargetResult {
  target: Target;
  /** The SDK's ratio to PouchDB, or its absolute figure; null: none. */
  value: number | null;
  verdict: Verdict;
  /** Why there is no verdict, when there is none. */
  note?: string;
}

export function metricOf(metrics: SyncMetrics, metric: TargetMetric) {
  switch (metric) {
    case "bytes":
      return metrics.bytesUp + metrics.bytesDown;
    case "seconds":
      return metrics.seconds;
    case "syncRoundTrips":
      return metrics.syncRoundTrips;
    case "p99Ms":
      return NaN;
  }
}

/** The measured figures of one cell, if it was measured. */
export function measured(
  report: BenchReport,
  scenario: ScenarioName,
  approach: ApproachName,
): SyncMetrics | null {
  const found = report.sync.find(
    (r) => r.scenario === scenario && r.approach === approach,
  );
  return found?.outcome.status === "measured" ? found.outcome.metrics : null;
}

function judge(target: Target, value: number | null): Verdict {
  if (value === null || !Number.isFinite(value)) return "n/a";
  const ok = target.strict ? value < target.max : value <= target.max;
  return ok ? "pass" : "miss";
}

function valueOf(
  report: BenchReport,
  target: Target,
): { value: number | null; note?: string } {
  if (target.metric === "p99Ms") {
    const outcome = report.fanout?.outcome;
    if (outcome?.status !== "measured") return { value: null, note: "not run" };
    return { value: outcome.metrics.p99Ms };
  }
  if (target.metric === "seconds" && report.profile === null) {
    return { value: null, note: "unshaped link" };
  }
  const sdk = measured(report, target.scenario, "sdk");
  if (sdk === null) return { value: null, note: "no SDK figures" };
  const own = metricOf(sdk, target.metric);
  if (target.kind === "absolute") return { value: own };
  const base = measured(report, target.scenario, "pouchdb");
  if (base === null) return { value: null, note: "no PouchDB figures" };
  return { value: ratio(own, metricOf(base, target.metric)) };
}

export function judgeTargets(report: BenchReport): TargetResult[] {
  return TARGETS.filter((t) => report.scenarios.includes(t.scenario)).map(
    (target) => {
      const { value, note } = valueOf(report, target);
      const verdict = judge(target, value);
      return note === undefined
        ? { target, value, verdict }
        : { target, value, verdict, note };
    },
  );
}
