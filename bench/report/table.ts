/**
 * The bench's one table: per scenario, the figures of the three
 * approaches side by side, the SDK's and GraphQL's share of PouchDB's,
 * and the target with a pass or miss marker.
 */
import { APPROACHES, type ApproachName } from "../clients/types.ts";
import { LINK_PROFILES, type LinkProfileName } from "@okada/test-tools";
import { SYNC_SCENARIO_NAMES } from "../scenarios/types.ts";
import {
  formatBytes,
  formatCount,
  formatMs,
  formatPercent,
  formatSeconds,
} from "./format.ts";
import { markdownTable, type Align } from "./markdown.ts";
import type { BenchReport, FanoutMetrics, SyncMetrics } from "./model.ts";
import { ratio } from "./stats.ts";
import type { TargetMetric, TargetResult } from "./targets.ts";

export const APPROACH_TITLES: Record<ApproachName, string> = {
  sdk: "SDK socket.io",
  graphql: "RxDB GraphQL",
  pouchdb: "PouchDB",
};

const HEADER = [
  "scenario",
  "figure",
  ...APPROACHES.map((a) => APPROACH_TITLES[a]),
  "SDK/Pouch",
  "GQL/Pouch",
  "target",
  "SDK",
] as const;

const ALIGN: Align[] = [
  "left",
  "left",
  "right",
  "right",
  "right",
  "right",
  "right",
  "left",
  "left",
];

interface Figure {
  title: string;
  value: (m: SyncMetrics) => number;
  show: (n: number) => string;
  /** Shown as shares of PouchDB's figure. */
  compared: boolean;
  target?: TargetMetric;
}

function figures(shaped: boolean): Figure[] {
  const count = (title: string, value: Figure["value"]) => ({
    title,
    value,
    show: formatCount,
    compared: false,
  });
  return [
    {
      title: "bytes up",
      value: (m) => m.bytesUp,
      show: formatBytes,
      compared: false,
    },
    {
      title: "bytes down",
      value: (m) => m.bytesDown,
      show: formatBytes,
      compared: false,
    },
    {
      title: "bytes total",
      value: (m) => m.bytesUp + m.bytesDown,
      show: formatBytes,
      compared: true,
      target: "bytes",
    },
    count("round trips", (m) => m.roundTrips),
    {
      ...count("after connect", (m) => m.syncRoundTrips),
      target: "syncRoundTrips",
    },
    {
      title: shaped ? "seconds" : "seconds (unshaped)",
      value: (m) => m.seconds,
      show: formatSeconds,
      compared: true,
      target: "seconds",
    },
  ];
}

/** What a cell shows for an approach that has no figures. */
function missing(report: BenchReport, scenario: string, a: ApproachName) {
  const found = report.sync.find(
    (r) => r.scenario === scenario && r.approach === a,
  );
  if (found === undefined) return "—";
  return found.outcome.status === "measured" ? null : found.outcome.status;
}

function metricsOf(report: BenchReport, scenario: string, a: ApproachName) {
  const found = report.sync.find(
    (r) => r.scenario === scenario && r.approach === a,
  );
  return found?.outcome.status === "measured" ? found.outcome.metrics : null;
}

function targetCells(
  targets: readonly TargetResult[],
  scenario: string,
  metric: TargetMetric | undefined,
): [string, string] {
  const found = targets.find(
    (t) => t.target.scenario === scenario && t.target.metric === metric,
  );
  if (found === undefined) return ["", ""];
  const marker = found.verdict === "miss" ? "MISS" : found.verdict;
  return [
    found.target.label,
    found.note ? `${marker} (${found.note})` : marker,
  ];
}

function syncRows(
  report: BenchReport,
  targets: readonly TargetResult[],
): string[][] {
  const rows: string[][] = [];
  const scenarios = SYNC_SCENARIO_NAMES.filter((s) =>
    report.scenarios.includes(s),
  );
  for (const scenario of scenarios) {
    figures(report.profile !== null).forEach((figure, i) => {
      const cells = APPROACHES.map((a) => {
        const metrics = metricsOf(report, scenario, a);
        return metrics
          ? figure.show(figure.value(metrics))
          : (missing(report, scenario, a) ?? "—");
      });
      const base = metricsOf(report, scenario, "pouchdb");
      const share = (a: ApproachName) => {
        const own = metricsOf(report, scenario, a);
        if (!figure.compared || !own || !base) return "";
        return formatPercent(ratio(figure.value(own), figure.value(base)));
      };
      rows.push([
        i === 0 ? scenario : "",
        figure.title,
        ...cells,
        share("sdk"),
        share("graphql"),
        ...targetCells(targets, scenario, figure.target),
      ]);
    });
  }
  return rows;
}

function fanoutRows(
  report: BenchReport,
  targets: readonly TargetResult[],
): string[][] {
  const outcome = report.fanout?.outcome;
  if (outcome === undefined) return [];
  const row = (title: string, value: string, target = ["", ""]) => [
    "",
    title,
    value,
    "n/a",
    "n/a",
    "",
    "",
    ...target,
  ];
  if (outcome.status !== "measured") {
    return [["fan-out", ...row("all", outcome.status).slice(1)]];
  }
  const m: FanoutMetrics = outcome.metrics;
  const rows = [
    row("clients", formatCount(m.clients)),
    row("changes", `${m.changes} in ${formatSeconds(m.seconds)}`),
    row("deliveries", `${m.deliveries}/${m.expectedDeliveries}`),
    row("p50 delay", formatMs(m.p50Ms)),
    row(
      "p99 delay",
      formatMs(m.p99Ms),
      targetCells(targets, "fan-out", "p99Ms"),
    ),
    row("max delay", formatMs(m.maxMs)),
    row("push ack p99", formatMs(m.ackP99Ms)),
    row("server CPU", `${m.serverCpuPercent.toFixed(0)} % of a core`),
    row("server RSS", `${m.serverRssMiB.toFixed(0)} MiB`),
    row("bench loop p99", formatMs(m.benchLoopP99Ms)),
  ];
  const first = rows[0];
  if (first) first[0] = "fan-out";
  return rows;
}

export function profileLine(profile: string | null): string {
  if (profile === null)
    return "unshaped link (--quick): seconds are loopback times";
  const p = LINK_PROFILES[profile as LinkProfileName];
  return (
    `${profile}: ${p.downKbps} kbit/s down, ${p.upKbps} kbit/s up, ` +
    `${p.rttMs} ms round trip`
  );
}

/** Notes under the table: why cells are empty. */
function notes(report: BenchReport): string[] {
  const lines: string[] = [];
  for (const r of [...report.sync, ...(report.fanout ? [report.fanout] : [])]) {
    const { outcome } = r;
    if (outcome.status === "failed") {
      lines.push(`- ${r.scenario} × ${r.approach}: failed: ${outcome.error}`);
    } else if (outcome.status === "pending") {
      const { reason } = outcome;
      lines.push(`- ${r.scenario} × ${r.approach}: pending: ${reason}`);
    }
  }
  return lines;
}

export function renderTable(
  report: BenchReport,
  targets: readonly TargetResult[],
): string {
  const rows = [...syncRows(report, targets), ...fanoutRows(report, targets)];
  const table = markdownTable(HEADER, rows, ALIGN);
  const extra = notes(report);
  const { cpus, loadAverage } = report.machine;
  const [start, end] = [loadAverage.start, loadAverage.end];
  const load = `${start.toFixed(1)} → ${end.toFixed(1)}`;
  return [
    `Link: ${profileLine(report.profile)}`,
    `Machine: ${cpus} CPUs, load average ${load} (start → end)`,
    ...(report.without.length > 0
      ? [`SDK without: ${report.without.join(", ")}`]
      : []),
    "",
    table,
    ...(extra.length > 0 ? ["", ...extra] : []),
  ].join("\n");
}
