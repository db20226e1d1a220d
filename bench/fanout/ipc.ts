/**
 * Messages between the bench and the fan-out server's child process.
 * The server runs apart so that 1,000 clients in the bench process do
 * not show up in the server's CPU and memory figures.
 */

/** Bench → server. */
export type ToServer =
  /** Start counting CPU time from now. */
  | { type: "mark" }
  /** Report CPU time since the mark and memory now. */
  | { type: "usage" }
  | { type: "stop" };

export interface ServerUsage {
  /** CPU time since the mark, user plus system, in ms. */
  cpuMs: number;
  /** Wall time since the mark, in ms. */
  wallMs: number;
  rssBytes: number;
  heapUsedBytes: number;
}

/** Server → bench. */
export type FromServer =
  | { type: "ready"; url: string }
  | { type: "usage"; usage: ServerUsage }
  | { type: "failed"; message: string };

/** Environment variables the child reads. */
export const SERVER_ENV = {
  dataDir: "OKADA_BENCH_DATA_DIR",
  secret: "OKADA_BENCH_JWT_SECRET",
} as const;
