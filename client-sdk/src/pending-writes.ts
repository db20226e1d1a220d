/**
 * Counts the writes of one collection that are stored locally and not
 * yet acknowledged by the server: the outbox.
 *
 * RxDB already keeps a durable outbox, and this module only reads it.
 * The local collection (the "fork") holds every write the moment
 * `insert()` resolves. Beside it, the replication's meta instance holds,
 * per document, the last state the server acknowledged (the "assumed
 * master"); RxDB writes it only after a push is acknowledged, or after a
 * pull. Both live in IndexedDB, so after a reload or crash RxDB's
 * upstream scans the fork from its last persisted checkpoint and pushes
 * every document whose state differs from its assumed master.
 *
 * A document is pending exactly when that same test says it must be
 * pushed: its fork state differs from its assumed master (or it has
 * none). Counting with RxDB's own predicate keeps the count honest
 * without a second outbox that could disagree with the first (a separate
 * index cannot be written atomically with the document).
 *
 * Cost: only candidates are checked, never the whole collection. They
 * are the documents changed since the upstream checkpoint at start, then
 * every local write; a candidate is checked again whenever its meta
 * entry changes and dropped once acknowledged.
 */
import {
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  getAssumedMasterState,
  writeDocToDocState,
  type RxStorageInstanceReplicationState,
} from "rxdb";
import type { Subscription } from "rxjs";
import type { Logger } from "./logger.ts";

export interface PendingWritesOptions<T> {
  /** The replication's internal state, once it has started. */
  readonly state: RxStorageInstanceReplicationState<T>;
  /** Called with the count whenever it may have changed. */
  readonly onCount: (count: number) => void;
  readonly logger: Logger;
}

const SCAN_PAGE = 500;

export class PendingWrites<T> {
  readonly #options: PendingWritesOptions<T>;
  readonly #candidates = new Set<string>();
  readonly #subscriptions: Subscription[] = [];
  #dirty = false;
  #running: Promise<void> | null = null;
  #closed = false;

  constructor(options: PendingWritesOptions<T>) {
    this.#options = options;
    const { forkInstance, metaInstance } = options.state.input;
    const downstream = options.state.downstreamBulkWriteFlag;
    this.#subscriptions.push(
      forkInstance.changeStream().subscribe((bulk) => {
        void downstream.then((flag) => {
          if (bulk.context === flag) return;
          for (const event of bulk.events) {
            this.#candidates.add(event.documentId);
          }
          this.#schedule();
        });
      }),
      metaInstance.changeStream().subscribe((bulk) => {
        const touched = bulk.events.some((event) =>
          this.#candidates.has(event.documentData.itemId),
        );
        if (touched) this.#schedule();
      }),
    );
  }

  /** Adds what changed since the last upstream checkpoint, then counts. */
  async scan(): Promise<void> {
    const { forkInstance } = this.#options.state.input;
    let checkpoint = await this.#upstreamCheckpoint();
    for (;;) {
      if (this.#closed) return;
      const page = await getChangedDocumentsSince(
        forkInstance,
        SCAN_PAGE,
        checkpoint,
      );
      const primary = this.#options.state.primaryPath;
      for (const doc of page.documents) {
        this.#candidates.add(String(doc[primary as keyof typeof doc]));
      }
      if (page.documents.length < SCAN_PAGE) break;
      checkpoint = page.checkpoint;
    }
    this.#schedule();
    await this.settled();
  }

  /** Resolves once no count is in progress. */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
  }

  close(): void {
    this.#closed = true;
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
  }

  async #upstreamCheckpoint(): Promise<unknown> {
    const { metaInstance } = this.#options.state.input;
    const id = getComposedPrimaryKeyOfDocumentData(metaInstance.schema, {
      isCheckpoint: "1",
      itemId: "up",
    });
    const [doc] = await metaInstance.findDocumentsById([id], false);
    return doc?.checkpointData;
  }

  #schedule(): void {
    this.#dirty = true;
    if (this.#running || this.#closed) return;
    this.#running = this.#drain().finally(() => {
      this.#running = null;
    });
  }

  async #drain(): Promise<void> {
    while (this.#dirty && !this.#closed) {
      this.#dirty = false;
      try {
        await this.#recount();
      } catch (error) {
        // The storage closed under us (shutdown); nothing to count.
        this.#options.logger.debug("sync: pending count skipped", {
          error: String(error),
        });
        return;
      }
    }
  }

  async #recount(): Promise<void> {
    const { state } = this.#options;
    const ids = [...this.#candidates];
    if (ids.length > 0) {
      const [forkDocs, assumed] = await Promise.all([
        state.input.forkInstance.findDocumentsById(ids, true),
        getAssumedMasterState(state, ids),
      ]);
      const primary = state.primaryPath as keyof (typeof forkDocs)[number];
      const current = new Map(forkDocs.map((d) => [String(d[primary]), d]));
      const { isEqual } = state.input.conflictHandler;
      for (const id of ids) {
        const fork = current.get(id);
        const master = assumed[id];
        const forkState = fork && writeDocToDocState(fork, false, false);
        const acknowledged =
          fork === undefined ||
          (master !== undefined &&
            forkState !== undefined &&
            isEqual(master.docData, forkState, "okada-pending-writes"));
        if (acknowledged) this.#candidates.delete(id);
      }
    }
    if (!this.#closed) this.#options.onCount(this.#candidates.size);
  }
}
