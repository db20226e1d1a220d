/**
 * Options of `createOkadaClient`, each with its default and an example.
 */
import type { RxStorage } from "rxdb";
import {
  COLLECTION_NAMES,
  MAX_PULL_LIMIT,
  MAX_PUSH_ROWS,
  type CollectionName,
} from "@okada/sync-rules";
import { DEFAULT_BACKOFF, type BackoffOptions } from "./backoff.ts";
import { systemClock, type Clock } from "./clock.ts";
import { browserNetworkEvents, type NetworkEvents } from "./link.ts";
import { silentLogger, type Logger } from "./logger.ts";

export interface OkadaClientOptions {
  /**
   * The server's base URL; `/sync` (socket.io) or `/graphql` is added.
   * @example "https://okada.example"
   */
  url: string;
  /**
   * Returns a bearer token from `POST /v1/auth/login`. Called before the
   * first connection and again whenever the server says the token
   * expired; sync waits (losing nothing) until it returns one.
   * @example () => auth.freshToken()
   */
  getToken: () => Promise<string>;
  /**
   * Where the local database lives.
   * @default Dexie on the browser's IndexedDB, with schema validation
   * (`browserStorage()`); outside browsers there is no default.
   * @example nodeStorage() // Node: an in-memory IndexedDB
   */
  storage?: RxStorage<unknown, unknown>;
  /**
   * The local database's name; use one per user on a shared device.
   * @default "okada"
   * @example `okada-${userId}`
   */
  name?: string;
  /**
   * The collections to create and sync. Only these exist on `db`.
   * Meant for simulators and tests: RxDB's open-source edition allows
   * 16 open collections per process, so at most three full clients.
   * @default all five
   * @example ["orders", "riders"]
   */
  collections?: readonly CollectionName[];
  /**
   * Share the database between tabs: one tab replicates (leader
   * election), the others mirror its data and status.
   * @default true where `window` and `BroadcastChannel` exist, else false
   * @example false // a Node simulator: one client per process
   */
  multiInstance?: boolean;
  /**
   * How to reach the server. `socket`: socket.io on `/sync`, the full
   * feature set. `graphql`: the stock RxDB GraphQL plugin on `/graphql`
   * (see LIMITATIONS.md for what its status reports).
   * @default "socket"
   */
  transport?: "socket" | "graphql";
  /**
   * Receives the SDK's log lines; the SDK is silent without one.
   * @default a logger that drops everything
   * @example console
   */
  logger?: Logger;
  /**
   * Start syncing as soon as the client is created.
   * @default true
   * @example false // then call `sync.start()` after sign-in
   */
  autoStart?: boolean;
  /**
   * Quiet time after which the client probes the link; after twice this
   * with nothing received the link counts as dead and is replaced.
   * @default 15_000
   * @example 5_000 // find dead links faster, at a few bytes per probe
   */
  heartbeatIntervalMs?: number;
  /**
   * How long a pull or push may wait for its acknowledgement before the
   * link is replaced and the request sent again. Generous, since a big
   * page takes seconds on 2G; dead links are found by the heartbeat.
   * @default 60_000
   * @example 120_000 // GPRS with large pages
   */
  requestTimeoutMs?: number;
  /**
   * How long a connection attempt may take.
   * @default 20_000
   * @example 40_000 // EDGE with a 840 ms round trip
   */
  connectTimeoutMs?: number;
  /**
   * Waits between failed attempts: full jitter, doubling, capped.
   * @default { baseMs: 500, capMs: 30_000 }
   * @example { baseMs: 1_000, capMs: 60_000 }
   */
  backoff?: BackoffOptions;
  /**
   * Calls from different collections made within this window leave in
   * one message.
   * @default 15
   * @example 0 // no waiting, fewer messages merged
   */
  coalesceWindowMs?: number;
  /**
   * Send the first pull of each connection with its handshake: a
   * reconnecting client catches up in the connection's own round trips.
   * @default true
   * @example false // one round trip more per connection, as measured
   * // by `npm run bench -- --without handshake-pull`
   */
  handshakePull?: boolean;
  /**
   * Rows per push, per collection. At most 100, so that five
   * collections' rows fit the server's 500-row push.
   * @default 100
   * @example 50 // smaller pushes on GPRS
   */
  batchSize?: number;
  /**
   * Documents per pull page, per collection: fewer, bigger pages cost
   * fewer round trips on a cold start. A page must arrive within twice
   * `heartbeatIntervalMs` (see LIMITATIONS.md). At most 1,000.
   * @default 250
   * @example 100 // GPRS
   */
  pullPageSize?: number;
  /**
   * Network-up notices that cut a backoff wait short.
   * @default the browser's `online` event; none in Node
   * @example { onOnline: (f) => { os.on("up", f); return () => os.off("up", f); } }
   */
  networkEvents?: NetworkEvents;
  /**
   * socket.io transports, in the order tried; the next is tried when
   * one fails (long-polling for networks that break WebSockets).
   * @default ["websocket", "polling"]
   * @example ["polling"] // behind a proxy known to break WebSockets
   */
  socketTransports?: readonly ("websocket" | "polling")[];
  /**
   * Time source for timers and timestamps, for tests.
   * @default systemClock
   * @example { now: () => fake.now, setTimeout: fake.set, clearTimeout: fake.clear }
   */
  clock?: Clock;
  /**
   * Random numbers in [0, 1) for backoff jitter, for tests.
   * @default Math.random
   * @example () => 0.5
   */
  random?: () => number;
}

/** Five collections' pushes leave in one message of at most 500 rows. */
const MAX_BATCH = Math.floor(MAX_PUSH_ROWS / COLLECTION_NAMES.length);

export type ResolvedOptions = Required<
  Omit<OkadaClientOptions, "storage" | "networkEvents" | "backoff">
> & {
  storage: RxStorage<unknown, unknown> | undefined;
  networkEvents: NetworkEvents | undefined;
  backoff: Required<BackoffOptions>;
};

function inBrowser(): boolean {
  return (
    typeof window !== "undefined" && typeof BroadcastChannel !== "undefined"
  );
}

export function resolveOptions(options: OkadaClientOptions): ResolvedOptions {
  return {
    url: options.url,
    getToken: options.getToken,
    storage: options.storage,
    name: options.name ?? "okada",
    collections: options.collections ?? COLLECTION_NAMES,
    multiInstance: options.multiInstance ?? inBrowser(),
    transport: options.transport ?? "socket",
    logger: options.logger ?? silentLogger,
    autoStart: options.autoStart ?? true,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 15_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 20_000,
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    coalesceWindowMs: options.coalesceWindowMs ?? 15,
    handshakePull: options.handshakePull ?? true,
    batchSize: Math.max(1, Math.min(options.batchSize ?? 100, MAX_BATCH)),
    pullPageSize: Math.max(
      1,
      Math.min(options.pullPageSize ?? 250, MAX_PULL_LIMIT),
    ),
    networkEvents: options.networkEvents ?? browserNetworkEvents(),
    socketTransports: options.socketTransports ?? ["websocket", "polling"],
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
  };
}
