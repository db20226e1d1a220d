/**
 * `createOkadaClient`: the local database plus a sync handle. Reads and
 * writes go to `db` and never wait for the network; `sync` tells what
 * the replication is doing.
 *
 * With `multiInstance` (browsers), every tab opens the same IndexedDB
 * database but only the elected leader tab runs a sync engine. The
 * others mirror its status over a BroadcastChannel (tab-status.ts) and
 * take over when it closes.
 */
import { firstValueFrom, filter, type Observable } from "rxjs";
import { addRxPlugin } from "rxdb";
import { RxDBLeaderElectionPlugin } from "rxdb/plugins/leader-election";
import { browserStorage } from "./browser-storage.ts";
import { createOkadaDatabase, type OkadaDatabase } from "./database.ts";
import { SyncError } from "./errors.ts";
import { GraphQLSyncEngine } from "./graphql-sync.ts";
import type { Connector } from "./link.ts";
import type { Logger } from "./logger.ts";
import {
  resolveOptions,
  type OkadaClientOptions,
  type ResolvedOptions,
} from "./options.ts";
import { SocketSyncEngine, type SyncEngine } from "./socket-sync.ts";
import {
  SyncStatusModel,
  type MergedConflict,
  type RejectedWrite,
  type SyncStatus,
} from "./status.ts";
import { TabStatusChannel } from "./tab-status.ts";

export interface OkadaSync {
  /** The status now. */
  readonly status: SyncStatus;
  /** The status, now and at every change. */
  readonly status$: Observable<SyncStatus>;
  /** Each write the server refused, as it happens. */
  readonly rejected$: Observable<RejectedWrite>;
  /** Each push the server merged with a newer master. */
  readonly conflicts$: Observable<MergedConflict>;
  /**
   * Starts (or resumes) syncing. In a follower tab, resolves at once and
   * sync starts when the tab becomes leader.
   */
  start(): Promise<void>;
  /** Pauses syncing; local writes keep going to the outbox. */
  stop(): Promise<void>;
  /** Stops for good and releases the connection. The database stays open. */
  close(): Promise<void>;
  /** Resolves the next time the status is `idle` (nothing owed). */
  whenIdle(): Promise<void>;
}

export interface OkadaClient {
  readonly db: OkadaDatabase;
  readonly sync: OkadaSync;
}

/** For tests: a connector other than socket.io. */
export interface ClientInternals {
  connector?: Connector;
}

/**
 * Opens the local database and starts syncing it.
 *
 * @example
 * const { db, sync } = await createOkadaClient({
 *   url: "https://okada.example",
 *   getToken: () => auth.token(),
 * });
 * sync.status$.subscribe((s) => banner.show(s.phase, s.pendingTotal));
 * await db.orders.insert(order); // stored at once, pushed when online
 */
export async function createOkadaClient(
  options: OkadaClientOptions,
  internals: ClientInternals = {},
): Promise<OkadaClient> {
  const resolved = resolveOptions(options);
  if (resolved.multiInstance) addRxPlugin(RxDBLeaderElectionPlugin);
  const db = await createOkadaDatabase({
    name: resolved.name,
    storage: resolved.storage ?? browserStorage(),
    multiInstance: resolved.multiInstance,
    collections: resolved.collections,
  });
  const model = new SyncStatusModel(
    resolved.multiInstance ? "follower" : "leader",
  );
  const engine: SyncEngine =
    resolved.transport === "graphql"
      ? new GraphQLSyncEngine(db, resolved, model)
      : new SocketSyncEngine(db, resolved, model, internals.connector);
  const sync = new SyncHandle(db, engine, model, resolved);
  db.onClose.push(() => sync.close());
  if (resolved.autoStart) await sync.start();
  return { db, sync };
}

class SyncHandle implements OkadaSync {
  readonly #db: OkadaDatabase;
  readonly #engine: SyncEngine;
  readonly #model: SyncStatusModel;
  readonly #channel: TabStatusChannel | null;
  readonly #logger: Logger;
  #leading: Promise<boolean> | null = null;
  #wanted = false;
  #closed = false;

  constructor(
    db: OkadaDatabase,
    engine: SyncEngine,
    model: SyncStatusModel,
    options: ResolvedOptions,
  ) {
    this.#db = db;
    this.#engine = engine;
    this.#model = model;
    this.#logger = options.logger;
    this.#channel = options.multiInstance ? this.#openChannel() : null;
  }

  get status(): SyncStatus {
    return this.#model.status;
  }

  get status$(): Observable<SyncStatus> {
    return this.#model.status$;
  }

  get rejected$(): Observable<RejectedWrite> {
    return this.#model.rejected$;
  }

  get conflicts$(): Observable<MergedConflict> {
    return this.#model.merged$;
  }

  async start(): Promise<void> {
    if (this.#closed) {
      throw new SyncError("SYNC_STOPPED", "This client is closed.");
    }
    this.#wanted = true;
    if (this.#channel === null) return this.#engine.start();
    this.#leading ??= this.#db.waitForLeadership();
    // A follower tab must not wait: leadership may take forever.
    this.#leading
      .then(() => this.#lead())
      .catch((error: unknown) => {
        this.#logger.error("sync: could not start", { error: String(error) });
      });
  }

  async stop(): Promise<void> {
    this.#wanted = false;
    if (this.#isLeader()) await this.#engine.stop();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#wanted = false;
    await this.#engine.close();
    this.#channel?.close();
    this.#model.complete();
  }

  async whenIdle(): Promise<void> {
    await firstValueFrom(
      this.#model.status$.pipe(filter((s) => s.phase === "idle")),
    );
  }

  #isLeader(): boolean {
    return this.#channel === null || this.#model.status.tab === "leader";
  }

  async #lead(): Promise<void> {
    if (this.#closed || !this.#wanted) return;
    if (this.#model.status.tab !== "leader") {
      this.#model.lead();
      this.#model.status$.subscribe((status) =>
        this.#channel?.post({ type: "status", status }),
      );
      this.#model.rejected$.subscribe((write) =>
        this.#channel?.post({ type: "rejected", write }),
      );
      this.#model.merged$.subscribe((conflict) =>
        this.#channel?.post({ type: "merged", conflict }),
      );
    }
    await this.#engine.start();
  }

  #openChannel(): TabStatusChannel {
    const follows = (): boolean => this.#model.status.tab === "follower";
    const channel = new TabStatusChannel(`okada-sync:${this.#db.name}`, {
      status: (status) => follows() && this.#model.mirror(status),
      rejected: (write) => follows() && this.#model.echoRejected(write),
      merged: (conflict) => follows() && this.#model.echoMerged(conflict),
      ask: () => {
        if (!follows()) {
          channel.post({ type: "status", status: this.#model.status });
        }
      },
    });
    channel.post({ type: "ask" });
    return channel;
  }
}
