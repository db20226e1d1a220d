/** A small report for the formatting tests. */
import type { ApproachName } from "../clients/types.ts";
import type { SyncScenarioName } from "../scenarios/types.ts";
import type { BenchReport, SyncMetrics, SyncResult } from "./model.ts";

export function metrics(overrides: Partial<SyncMetrics> = {}): SyncMetrics {
  return {
    bytesUp: 1_000,
    bytesDown: 9_000,
    roundTrips: 4,
    syncRoundTrips: 2,
    httpRequests: 1,
    wsMessagesUp: 3,
    wsMessagesDown: 4,
    connections: 1,
    seconds: 2,
    ...overrides,
  };
}

export function measuredResult(
  scenario: SyncScenarioName,
  approach: ApproachName,
  overrides: Partial<SyncMetrics> = {},
): SyncResult {
  return {
    scenario,
    approach,
    outcome: { status: "measured", metrics: metrics(overrides) },
  };
}

export function testReport(overrides: Partial<BenchReport> = {}): BenchReport {
  return {
    startedAt: "2026-01-01T00:00:00.000Z",
    profile: "regular2g",
    command: "npm run bench",
    machine: {
      node: "v20.0.0",
      cpus: 2,
      platform: "linux",
      loadAverage: { start: 0.5, end: 1.5 },
    },
    scenarios: ["rider-reconnect", "fan-out"],
    without: [],
    sync: [
      measuredResult("rider-reconnect", "sdk", {
        bytesUp: 3_000,
        bytesDown: 2_000,
        seconds: 3,
      }),
      measuredResult("rider-reconnect", "graphql", { bytesUp: 40_000 }),
      measuredResult("rider-reconnect", "pouchdb", {
        bytesUp: 100_000,
        bytesDown: 100_000,
        roundTrips: 44,
        syncRoundTrips: 44,
        seconds: 6,
      }),
    ],
    fanout: {
      scenario: "fan-out",
      approach: "sdk",
      outcome: {
        status: "measured",
        metrics: {
          clients: 1000,
          changes: 200,
          expectedDeliveries: 2400,
          deliveries: 2400,
          p50Ms: 30,
          p99Ms: 420,
          maxMs: 490,
          ackP99Ms: 80,
          serverCpuPercent: 45,
          serverRssMiB: 419,
          serverHeapMiB: 56,
          benchLoopP99Ms: 12,
          seconds: 10,
        },
      },
    },
    ...overrides,
  };
}
