/**
 * One measured run of a sync scenario with one approach:
 *
 *   fresh server ─ prepare ─ client ─┬─ cold: ──────────────────────┐
 *                                    └─ warm: sync, offline, edits ─┤
 *   reset counters, shape the link ─ catch-up (measured) ─ close ◄──┘
 *
 * Everything before the catch-up runs on an unshaped link and is not
 * counted.
 */
import type { LinkProfileInput } from "@okada/test-tools";
import { openClient } from "../clients/open.ts";
import type { ApproachName, BenchClient } from "../clients/types.ts";
import type { SyncMetrics } from "../report/model.ts";
import { toMetrics } from "../report/metrics.ts";
import {
  expectedCounts,
  holdsCounts,
  syncUserOf,
} from "../scenarios/server-side.ts";
import type { ScenarioRun, SyncScenario } from "../scenarios/types.ts";
import type { Optimization } from "../cli.ts";
import type { DataTemplate } from "./data-dir.ts";
import { openRunEnv, type RunEnv } from "./env.ts";

export interface SyncRunOptions {
  template: DataTemplate;
  /** The link during the measured catch-up. */
  profile: LinkProfileInput;
  syncTimeoutMs: number;
  /** SDK optimizations turned off. */
  without: readonly Optimization[];
}

async function warmUp(
  env: RunEnv,
  scenario: SyncScenario,
  approach: ApproachName,
  client: BenchClient,
  run: ScenarioRun,
): Promise<void> {
  const user = await syncUserOf(env, scenario.user);
  const expected = await expectedCounts(env, approach, user);
  const caughtUp = () => holdsCounts(client, expected);
  await client.sync(caughtUp);
  // A second round settles what the first one echoes: PouchDB's push
  // side re-checks every document its pull side just wrote. A phone
  // that stays online settles it the same way before going offline.
  await client.sync(caughtUp);
  await client.offline();
  await run.whileOffline?.(client);
  // Let closing handshakes of the warm-up pass before counting starts.
  await new Promise((resolve) => setTimeout(resolve, 300));
}

export async function runSyncScenario(
  scenario: SyncScenario,
  approach: ApproachName,
  options: SyncRunOptions,
): Promise<SyncMetrics> {
  const { without } = options;
  const env = await openRunEnv(options.template, approach, scenario.user, {
    compression: !without.includes("deflate"),
  });
  try {
    const run = await scenario.prepare(env, approach);
    const target = { url: env.url, token: env.token, dir: env.clientDir };
    const client = await openClient(approach, target, {
      syncTimeoutMs: options.syncTimeoutMs,
      handshakePull: !without.includes("handshake-pull"),
      // The SDK's page size before it was raised to 250.
      ...(without.includes("big-pages") && { pullPageSize: 100 }),
    });
    try {
      if (!scenario.cold) await warmUp(env, scenario, approach, client, run);
      env.link.resetStats();
      env.link.setProfile(options.profile);
      const started = performance.now();
      await client.sync(() => run.done(client));
      const seconds = (performance.now() - started) / 1000;
      const metrics = toMetrics(approach, env.link.stats(), seconds);
      env.link.setProfile(null);
      return metrics;
    } finally {
      env.link.setProfile(null);
      await client.close();
    }
  } finally {
    await env.close();
  }
}
