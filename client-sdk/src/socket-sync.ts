/**
 * The socket.io sync engine of one tab: the connection loop, the shared
 * transport, one replication per collection and their outbox counters,
 * all reporting into a `SyncStatusModel`.
 */
import { combineLatest, type Subscription } from "rxjs";
import type { RxError, RxTypeError } from "rxdb";
import type { CollectionName } from "@okada/sync-rules";
import { ConnectionLoop } from "./connection-loop.ts";
import type { OkadaDatabase } from "./database.ts";
import type { ResolvedOptions } from "./options.ts";
import { PendingWrites } from "./pending-writes.ts";
import { socketConnector } from "./socket-link.ts";
import {
  replicateOverSocket,
  type OkadaReplication,
} from "./socket-replication.ts";
import type { SyncStatusModel } from "./status.ts";
import { SyncTransport } from "./sync-transport.ts";
import type { Connector } from "./link.ts";

/** What a tab runs while it leads; socket and GraphQL flavours. */
export interface SyncEngine {
  start(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export class SocketSyncEngine implements SyncEngine {
  readonly #options: ResolvedOptions;
  readonly #model: SyncStatusModel;
  readonly #loop: ConnectionLoop;
  readonly #transport: SyncTransport;
  readonly #replications = new Map<CollectionName, OkadaReplication<unknown>>();
  readonly #pending: PendingWrites<unknown>[] = [];
  readonly #subscriptions: Subscription[] = [];
  #started = false;

  constructor(
    db: OkadaDatabase,
    options: ResolvedOptions,
    model: SyncStatusModel,
    connector?: Connector,
  ) {
    this.#options = options;
    this.#model = model;
    const { clock, logger } = options;
    this.#loop = new ConnectionLoop({
      connector:
        connector ??
        socketConnector({
          url: options.url,
          connectTimeoutMs: options.connectTimeoutMs,
          transports: options.socketTransports,
        }),
      getToken: options.getToken,
      clock,
      random: options.random,
      backoff: options.backoff,
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      networkEvents: options.networkEvents,
      logger,
    });
    this.#transport = new SyncTransport({
      loop: this.#loop,
      clock,
      logger,
      coalesceWindowMs: options.coalesceWindowMs,
      requestTimeoutMs: options.requestTimeoutMs,
      pageSize: options.pullPageSize,
      handshakePull: options.handshakePull,
      onSynced: () => model.synced(clock.now()),
    });
    for (const name of options.collections) {
      const replication = replicateOverSocket<unknown>({
        name,
        collection: db[name] as never,
        transport: this.#transport,
        batchSize: options.batchSize,
        pullPageSize: options.pullPageSize,
        events: {
          rejected: (collection, r) =>
            model.rejected({ collection, ...r, at: clock.now() }),
          merged: (collection, id) =>
            model.merged({ collection, id, at: clock.now() }),
        },
      });
      this.#replications.set(name, replication);
    }
    this.#report();
  }

  /*
   * Order matters at both ends. Live events only flow while the loop is
   * online, and RxDB drops stream events while paused, but the transport
   * counts every event it hands over as delivered (its catch-up starts
   * after the last one). So RxDB resumes before the loop connects, and
   * the loop disconnects before RxDB pauses.
   */
  async start(): Promise<void> {
    const replications = [...this.#replications.values()];
    await Promise.all(replications.map((r) => r.start()));
    this.#loop.start();
    if (!this.#started) {
      this.#started = true;
      await this.#countPending();
    }
  }

  async stop(): Promise<void> {
    // Calls in flight wait for the next start.
    this.#loop.stop();
    const replications = [...this.#replications.values()];
    await Promise.all(replications.map((r) => r.pause()));
  }

  async close(): Promise<void> {
    this.#loop.close();
    const replications = [...this.#replications.values()];
    await Promise.all(replications.map((r) => r.pause()));
    for (const pending of this.#pending) pending.close();
    await Promise.all(replications.map((r) => r.cancel()));
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    this.#transport.close();
  }

  #report(): void {
    const { clock } = this.#options;
    const replications = [...this.#replications.values()];
    this.#subscriptions.push(
      this.#loop.steps$.subscribe((step) => {
        const { name, delayMs } = step.state;
        const retryAt = name === "backoff" ? step.at + delayMs : null;
        this.#model.connection(name, retryAt);
        if (step.failure) this.#model.error(step.failure, step.at);
      }),
      this.#transport.busy$.subscribe((n) => this.#model.requests(n)),
      combineLatest(replications.map((r) => r.active$)).subscribe((all) =>
        this.#model.replicating(all.some(Boolean)),
      ),
      ...replications.map((r) =>
        r.error$.subscribe((error) => {
          if (isStopError(error)) return;
          this.#options.logger.warn("sync: replication error", {
            message: error.message,
          });
          const failure = { code: "REPLICATION", message: error.message };
          this.#model.error(failure, clock.now());
        }),
      ),
    );
  }

  async #countPending(): Promise<void> {
    const scans: Promise<void>[] = [];
    for (const [name, replication] of this.#replications) {
      const state = replication.internalReplicationState;
      if (!state) continue;
      const pending = new PendingWrites({
        state,
        logger: this.#options.logger,
        onCount: (count) => this.#model.pending(name, count),
      });
      this.#pending.push(pending);
      scans.push(pending.scan());
    }
    await Promise.all(scans);
  }
}

/** RxDB's report of a call that `close()` cut short. */
function isStopError(error: RxError | RxTypeError): boolean {
  const errors = (error.parameters as { errors?: { code?: unknown }[] }).errors;
  return (errors ?? []).some((e) => e.code === "SYNC_STOPPED");
}
