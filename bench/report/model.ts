/**
 * What the bench measures and writes to `bench/results/latest.json`.
 */
import type { ApproachName } from "../clients/types.ts";
import type { ScenarioName, SyncScenarioName } from "../scenarios/types.ts";

/** One measured catch-up, as the link proxy counted it. */
export interface SyncMetrics {
  bytesUp: number;
  bytesDown: number;
  /** HTTP requests plus WebSocket messages up (see the link README). */
  roundTrips: number;
  /**
   * `roundTrips` less the connection set-up: on the socket path each
   * connection costs a WebSocket upgrade and socket.io's namespace
   * connect. Heartbeat replies stay in.
   */
  syncRoundTrips: number;
  httpRequests: number;
  wsMessagesUp: number;
  wsMessagesDown: number;
  connections: number;
  /** From the start of the catch-up until it was done. */
  seconds: number;
}

/** A cell of the table: figures, or why there are none. */
export type Outcome<M> =
  | { status: "measured"; metrics: M }
  | { status: "failed"; error: string }
  | { status: "pending"; reason: string };

export interface SyncResult {
  scenario: SyncScenarioName;
  approach: ApproachName;
  outcome: Outcome<SyncMetrics>;
}

export interface FanoutMetrics {
  clients: number;
  /** Status changes the tablet made. */
  changes: number;
  /** Clients that should receive each change, summed over changes. */
  expectedDeliveries: number;
  deliveries: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * p99 of push to acknowledgement (the store holds the change): the
   * part of the delay spent before fan-out starts.
   */
  ackP99Ms: number;
  /** Server CPU over the change phase, in % of one core. */
  serverCpuPercent: number;
  /** Server resident memory at the end, in MiB. */
  serverRssMiB: number;
  serverHeapMiB: number;
  /**
   * p99 event-loop delay of the bench process over the change phase: a
   * large one means the clients, not the server, were late to look.
   */
  benchLoopP99Ms: number;
  seconds: number;
}

export interface FanoutResult {
  scenario: "fan-out";
  approach: "sdk";
  outcome: Outcome<FanoutMetrics>;
}

export interface BenchReport {
  startedAt: string;
  /** The link profile of the measured phases; null: unshaped. */
  profile: string | null;
  command: string;
  machine: {
    node: string;
    cpus: number;
    platform: string;
    /** 1-minute load averages when the run started and ended. */
    loadAverage: { start: number; end: number };
  };
  scenarios: ScenarioName[];
  /** SDK optimizations that were off (`--without`); empty: none. */
  without: string[];
  sync: SyncResult[];
  fanout: FanoutResult | null;
}
