/**
 * The GraphQL flavour of the sync engine: the stock RxDB GraphQL plugin
 * (graphql-replication.ts) with the same status model. The plugin owns
 * its retries (a fixed `retryTime`) and its WebSocket, so the status is
 * coarser than over socket.io: see LIMITATIONS.md.
 */
import type { Subscription } from "rxjs";
import type { RxGraphQLReplicationState } from "rxdb/plugins/replication-graphql";
import type { CollectionName } from "@okada/sync-rules";
import type { OkadaDatabase } from "./database.ts";
import { replicateOkadaGraphQL } from "./graphql-replication.ts";
import type { ResolvedOptions } from "./options.ts";
import { PendingWrites } from "./pending-writes.ts";
import type { SyncEngine } from "./socket-sync.ts";
import type { SyncStatusModel } from "./status.ts";

type Replication = RxGraphQLReplicationState<unknown, unknown>;

const RETRY_MS = 5_000;
const AUTH_PATTERN = /UNAUTHENTICATED|TOKEN_EXPIRED/;

export class GraphQLSyncEngine implements SyncEngine {
  readonly #db: OkadaDatabase;
  readonly #options: ResolvedOptions;
  readonly #model: SyncStatusModel;
  readonly #replications = new Map<CollectionName, Replication>();
  readonly #pending: PendingWrites<unknown>[] = [];
  readonly #subscriptions: Subscription[] = [];
  readonly #active = new Map<CollectionName, boolean>();
  #refreshing = false;

  constructor(
    db: OkadaDatabase,
    options: ResolvedOptions,
    model: SyncStatusModel,
  ) {
    this.#db = db;
    this.#options = options;
    this.#model = model;
  }

  async start(): Promise<void> {
    if (this.#replications.size > 0) {
      await Promise.all([...this.#replications.values()].map((r) => r.start()));
      return;
    }
    this.#model.connection("connecting", null);
    const token = await this.#options.getToken();
    const created = replicateOkadaGraphQL({
      database: this.#db,
      url: this.#options.url,
      token,
      collections: this.#options.collections,
      retryTime: RETRY_MS,
      waitForLeadership: false,
    });
    for (const [name, replication] of Object.entries(created)) {
      this.#replications.set(name as CollectionName, replication);
      this.#watch(name as CollectionName, replication);
    }
    const all = [...this.#replications.values()];
    await Promise.all(all.map((r) => r.startPromise));
    // The plugin has no connection state; the first full sync stands in.
    void Promise.all(all.map((r) => r.awaitInitialReplication())).then(
      () => this.#model.connection("online", null),
      () => undefined,
    );
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#replications.values()].map((r) => r.pause()));
    this.#model.connection("stopped", null);
  }

  async close(): Promise<void> {
    for (const pending of this.#pending) pending.close();
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    await Promise.all([...this.#replications.values()].map((r) => r.cancel()));
    this.#model.connection("closed", null);
  }

  #watch(name: CollectionName, replication: Replication): void {
    const { clock } = this.#options;
    const synced = (): void => {
      this.#model.connection("online", null);
      this.#model.synced(clock.now());
    };
    this.#subscriptions.push(
      replication.received$.subscribe(synced),
      replication.sent$.subscribe(synced),
      replication.active$.subscribe((active) => {
        this.#active.set(name, active);
        this.#model.replicating([...this.#active.values()].some(Boolean));
      }),
      replication.error$.subscribe((error) => {
        const at = clock.now();
        this.#model.error({ code: "REPLICATION", message: error.message }, at);
        this.#model.connection("backoff", at + RETRY_MS);
        if (AUTH_PATTERN.test(JSON.stringify(error.parameters))) {
          void this.#refreshToken();
        }
      }),
    );
    void replication.startPromise.then(() => {
      const state = replication.internalReplicationState;
      if (!state) return;
      const pending = new PendingWrites({
        state,
        logger: this.#options.logger,
        onCount: (count) => this.#model.pending(name, count),
      });
      this.#pending.push(pending);
      return pending.scan();
    });
  }

  async #refreshToken(): Promise<void> {
    if (this.#refreshing) return;
    this.#refreshing = true;
    try {
      const token = await this.#options.getToken();
      for (const replication of this.#replications.values()) {
        replication.setHeaders({ Authorization: `Bearer ${token}` });
      }
    } catch (error) {
      this.#options.logger.warn("sync: getToken failed", {
        error: String(error),
      });
    } finally {
      this.#refreshing = false;
    }
  }
}
