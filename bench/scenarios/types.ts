/**
 * A sync scenario: what the server holds, who the client is, what
 * happens while it is offline, and when the measured catch-up is done.
 */
import type { ApproachName, BenchClient } from "../clients/types.ts";
import type { DemoUsername, RunEnv } from "../harness/env.ts";

export type SyncScenarioName =
  "catalog-cold" | "catalog-incremental" | "rider-reconnect" | "order-offline";

export type ScenarioName = SyncScenarioName | "fan-out";

export const SYNC_SCENARIO_NAMES: readonly SyncScenarioName[] = [
  "catalog-cold",
  "catalog-incremental",
  "rider-reconnect",
  "order-offline",
];

export const SCENARIO_NAMES: readonly ScenarioName[] = [
  ...SYNC_SCENARIO_NAMES,
  "fan-out",
];

export interface SyncScenario {
  readonly name: SyncScenarioName;
  /** The demo account the client signs in as. */
  readonly user: DemoUsername;
  /**
   * true: the measured sync fills an empty client. false: the client
   * first syncs unmeasured, goes offline, and `whileOffline` runs.
   */
  readonly cold: boolean;
  /** Sets the server up for one run (not measured); returns its steps. */
  prepare(env: RunEnv, approach: ApproachName): Promise<ScenarioRun>;
}

/** The steps of one run, sharing what `prepare` set up. */
export interface ScenarioRun {
  /** The client's offline edits and the server's changes; not measured. */
  whileOffline?(client: BenchClient): Promise<void>;
  /** True once the catch-up has brought both sides to the outcome. */
  done(client: BenchClient): Promise<boolean>;
}
