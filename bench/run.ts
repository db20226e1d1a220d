/**
 * `npm run bench`: runs the scenarios through the link emulator, prints
 * one table, and writes `latest.json` and `latest.svg` (see cli.ts for
 * the flags and README.md for what is measured and how).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseCli, USAGE, type BenchOptions } from "./cli.ts";
import { unavailable } from "./clients/open.ts";
import type { ApproachName } from "./clients/types.ts";
import { runFanout } from "./fanout/fanout.ts";
import { seedTemplate, type DataTemplate } from "./harness/data-dir.ts";
import { BenchError, describeError } from "./harness/errors.ts";
import { runSyncScenario } from "./harness/run-sync.ts";
import { renderChart } from "./report/chart.ts";
import { formatBytes, formatSeconds } from "./report/format.ts";
import type {
  BenchReport,
  FanoutResult,
  SyncMetrics,
  SyncResult,
} from "./report/model.ts";
import { renderTable } from "./report/table.ts";
import { judgeTargets } from "./report/targets.ts";
import { SYNC_SCENARIOS } from "./scenarios/index.ts";

const log = (line: string) => process.stderr.write(`${line}\n`);

function summary(metrics: SyncMetrics): string {
  const bytes = formatBytes(metrics.bytesUp + metrics.bytesDown);
  const seconds = formatSeconds(metrics.seconds);
  return `${bytes}, ${metrics.roundTrips} round trips, ${seconds}`;
}

async function runSync(
  options: BenchOptions,
  template: DataTemplate,
): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  const missing = new Map<ApproachName, string | null>();
  for (const approach of options.approaches) {
    missing.set(approach, await unavailable(approach));
  }
  for (const scenario of SYNC_SCENARIOS) {
    if (!options.scenarios.includes(scenario.name)) continue;
    for (const approach of options.approaches) {
      const label = `${scenario.name} × ${approach}`;
      const reason = missing.get(approach);
      if (reason) {
        log(`${label}: pending (${reason})`);
        results.push({
          scenario: scenario.name,
          approach,
          outcome: { status: "pending", reason },
        });
        continue;
      }
      log(`${label}: running`);
      try {
        const metrics = await runSyncScenario(scenario, approach, {
          template,
          profile: options.profile,
          syncTimeoutMs: options.syncTimeoutMs,
          without: options.without,
        });
        log(`${label}: ${summary(metrics)}`);
        results.push({
          scenario: scenario.name,
          approach,
          outcome: { status: "measured", metrics },
        });
      } catch (error) {
        log(`${label}: failed: ${describeError(error)}`);
        results.push({
          scenario: scenario.name,
          approach,
          outcome: { status: "failed", error: describeError(error) },
        });
      }
    }
  }
  return results;
}

async function runFanoutScenario(
  options: BenchOptions,
  template: DataTemplate,
): Promise<FanoutResult | null> {
  if (!options.scenarios.includes("fan-out")) return null;
  try {
    const metrics = await runFanout({ template, ...options.fanout, log });
    return {
      scenario: "fan-out",
      approach: "sdk",
      outcome: { status: "measured", metrics },
    };
  } catch (error) {
    log(`fan-out: failed: ${describeError(error)}`);
    return {
      scenario: "fan-out",
      approach: "sdk",
      outcome: { status: "failed", error: describeError(error) },
    };
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseCli(argv);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0] ?? NaN;
  log("seeding the demo data once");
  const template = await seedTemplate();
  try {
    const sync = await runSync(options, template);
    const fanout = await runFanoutScenario(options, template);
    const report: BenchReport = {
      startedAt,
      profile: options.profile,
      command: ["npm run bench", ...(argv.length ? ["--", ...argv] : [])].join(
        " ",
      ),
      machine: {
        node: process.version,
        cpus: cpus().length,
        platform: process.platform,
        loadAverage: { start: loadAtStart, end: loadavg()[0] ?? NaN },
      },
      scenarios: options.scenarios,
      without: options.without,
      sync,
      fanout,
    };
    const targets = judgeTargets(report);
    await mkdir(options.outDir, { recursive: true });
    const json = JSON.stringify({ ...report, targets }, null, 2);
    await writeFile(join(options.outDir, "latest.json"), `${json}\n`);
    await writeFile(join(options.outDir, "latest.svg"), renderChart(report));
    console.log(`\n$ ${report.command}\n`);
    console.log(renderTable(report, targets));
    console.log(`\nWrote ${options.outDir}/latest.json and latest.svg`);
  } finally {
    await template.remove();
  }
}

// A library's fire-and-forget request failing after a run has ended
// must not end the whole bench; it is reported and the runs go on.
process.on("unhandledRejection", (reason) => {
  log(`warning: unhandled rejection: ${describeError(reason)}`);
});

main(process.argv.slice(2)).then(
  // The embedded store keeps its LevelDB handles open; nothing else is
  // left to wait for.
  () => process.exit(0),
  (error: unknown) => {
    log(error instanceof BenchError ? error.message : describeError(error));
    process.exit(1);
  },
);
