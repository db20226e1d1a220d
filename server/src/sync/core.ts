/**
 * The transport-independent sync core: pull, push and live changes for
 * every collection. Transports authenticate, decode, and call in here;
 * everything that decides what is read or written lives below this line.
 */
import type { Logger } from "pino";
import {
  COLLECTION_NAMES,
  OkadaError,
  isCollectionName,
  type Checkpoint,
  type CollectionName,
  type PullResult,
  type PushResult,
  type WireDoc,
} from "@okada/sync-rules";
import type { Store } from "../store/types.ts";
import { rulesReadPolicy, visibleTo, type ReadPolicy } from "./access.ts";
import { LiveStoreDirectory } from "./directory.ts";
import { ChangeFeed, type ChangeFeedOptions, type FeedBatch } from "./feed.ts";
import { pull } from "./pull.ts";
import { parseRows, push } from "./push.ts";
import type { SyncUser } from "./user.ts";
import { toWire } from "./wire.ts";

export interface SyncCoreOptions {
  store: Store;
  /** Default: Okada's read rules. */
  policy?: ReadPolicy;
  logger?: Logger;
  feed?: ChangeFeedOptions;
}

/** What a live subscriber receives: the documents it may see. */
export type LiveListener = (result: PullResult) => void;

export class SyncCore {
  readonly #store: Store;
  readonly #policy: ReadPolicy;
  readonly #logger: Logger | undefined;
  readonly #feeds = new Map<CollectionName, ChangeFeed>();
  readonly #directory = new LiveStoreDirectory();
  /** Each batch's documents in wire form, made once for all subscribers. */
  readonly #wire = new WeakMap<FeedBatch, WireDoc[]>();

  constructor(options: SyncCoreOptions) {
    this.#store = options.store;
    this.#policy =
      options.policy ?? rulesReadPolicy(() => this.#directory.current);
    this.#logger = options.logger;
    for (const name of COLLECTION_NAMES) {
      const feedOptions: ChangeFeedOptions = { ...options.feed };
      if (options.logger) {
        feedOptions.logger = options.logger.child({ feed: name });
      }
      this.#feeds.set(
        name,
        new ChangeFeed(options.store.collection(name), feedOptions),
      );
    }
  }

  async start(): Promise<void> {
    const stores = this.#store.collection("stores");
    const since = await stores.currentSeq();
    await this.#directory.load(stores);
    const storesFeed = this.#feed("stores");
    this.#directory.follow(storesFeed);
    // The directory was read up to at least `since`; following from there
    // may repeat a store change, which is harmless, but never misses one.
    await storesFeed.start(since);
    await Promise.all(
      [...this.#feeds.entries()]
        .filter(([name]) => name !== "stores")
        .map(([, feed]) => feed.start()),
    );
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#feeds.values()].map((f) => f.stop()));
  }

  collectionName(value: unknown): CollectionName {
    if (!isCollectionName(value)) {
      throw new OkadaError(
        "UNKNOWN_COLLECTION",
        `There is no collection named ${JSON.stringify(value)}; use one of ` +
          `${COLLECTION_NAMES.join(", ")}.`,
      );
    }
    return value;
  }

  pull(
    user: SyncUser,
    collection: CollectionName,
    checkpoint: unknown,
    limit: unknown,
  ): Promise<PullResult> {
    return pull(
      this.#store.collection(collection),
      this.#policy.viewerFor(user),
      collection,
      checkpoint,
      limit,
    );
  }

  /** The states the client must adopt and the rows the rules refused. */
  async push(
    user: SyncUser,
    collection: CollectionName,
    rows: unknown,
  ): Promise<PushResult> {
    const parsed = parseRows(collection, rows);
    const outcome = await push(
      this.#store.collection(collection),
      user,
      this.#policy.viewerFor(user),
      collection,
      parsed,
    );
    this.#logger?.debug(
      {
        user: user.id,
        collection,
        rows: parsed.length,
        written: outcome.written.length,
        conflicts: outcome.conflicts.length,
        rejected: outcome.rejections.length,
      },
      "push",
    );
    return { conflicts: outcome.conflicts, rejections: outcome.rejections };
  }

  /**
   * Calls `listener` with every later change the user may see, removals
   * included. Batches with nothing for the user are not delivered.
   */
  subscribe(
    user: SyncUser,
    collection: CollectionName,
    listener: LiveListener,
  ): () => void {
    const feed = this.#feed(collection);
    return feed.subscribe((batch) => {
      // Scopes are worked out per batch: the store directory may change.
      const viewer = this.#policy.viewerFor(user);
      const documents = visibleTo(viewer, collection, this.#wireOf(batch));
      if (documents.length === 0) return;
      const checkpoint = { seq: batch.lastSeq as Checkpoint };
      listener({ documents, checkpoint });
    });
  }

  #wireOf(batch: FeedBatch): WireDoc[] {
    let docs = this.#wire.get(batch);
    if (!docs) {
      docs = batch.changes.map((c) => toWire(c.doc));
      this.#wire.set(batch, docs);
    }
    return docs;
  }

  #feed(collection: CollectionName): ChangeFeed {
    const feed = this.#feeds.get(collection);
    if (!feed) throw new OkadaError("UNKNOWN_COLLECTION", collection);
    return feed;
  }
}
