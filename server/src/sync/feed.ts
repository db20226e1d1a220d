/**
 * Follows one collection's `_changes` and hands each batch to in-process
 * listeners. One follower per collection per server instance, however
 * many clients are connected.
 *
 *   stopped --start()--> following --store error--> waiting --delay--> following
 *      ^                     |                          |
 *      +------stop()---------+-----------stop()---------+
 *
 * Invariants: the follower never skips a change (it resumes from the last
 * sequence it delivered); it never runs two reads at once; after stop()
 * no listener is called.
 */
import type { Logger } from "pino";
import type { Change, CollectionStore } from "../store/types.ts";

export interface FeedBatch {
  changes: Change[];
  lastSeq: string;
}

export type FeedListener = (batch: FeedBatch) => void;

export interface ChangeFeedOptions {
  /** Longpoll timeout; an idle feed re-asks this often. */
  pollTimeoutMs?: number;
  /** Backoff after a store failure: first delay and cap. */
  retryMinMs?: number;
  retryMaxMs?: number;
  logger?: Logger;
}

export class ChangeFeed {
  readonly #store: CollectionStore;
  readonly #listeners = new Set<FeedListener>();
  readonly #pollTimeoutMs: number;
  readonly #retryMinMs: number;
  readonly #retryMaxMs: number;
  readonly #logger: Logger | undefined;
  #abort: AbortController | undefined;
  #loop: Promise<void> | undefined;
  #since = "0";

  constructor(store: CollectionStore, options: ChangeFeedOptions = {}) {
    this.#store = store;
    this.#pollTimeoutMs = options.pollTimeoutMs ?? 25_000;
    this.#retryMinMs = options.retryMinMs ?? 250;
    this.#retryMaxMs = options.retryMaxMs ?? 10_000;
    this.#logger = options.logger;
  }

  /** The sequence of the last batch delivered. */
  get since(): string {
    return this.#since;
  }

  subscribe(listener: FeedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts following after `since`, by default from now. */
  async start(since?: string): Promise<void> {
    if (this.#loop) return;
    this.#since = since ?? (await this.#store.currentSeq());
    const abort = new AbortController();
    this.#abort = abort;
    this.#loop = this.#run(abort.signal);
  }

  async stop(): Promise<void> {
    this.#logger?.debug({ db: this.#store.dbName }, "feed stopping");
    this.#abort?.abort();
    await this.#loop;
    this.#loop = undefined;
    this.#abort = undefined;
    this.#logger?.debug({ db: this.#store.dbName }, "feed stopped");
  }

  async #run(signal: AbortSignal): Promise<void> {
    let delay = this.#retryMinMs;
    while (!signal.aborted) {
      try {
        const page = await this.#store.waitForChanges(
          this.#since,
          this.#pollTimeoutMs,
          signal,
        );
        delay = this.#retryMinMs;
        if (signal.aborted) return;
        this.#since = page.lastSeq;
        if (page.results.length > 0) this.#emit(page.results, page.lastSeq);
      } catch (error) {
        if (signal.aborted) return;
        this.#logger?.warn(
          { err: error, db: this.#store.dbName, retryInMs: delay },
          "change feed interrupted",
        );
        await sleep(delay, signal);
        delay = Math.min(delay * 2, this.#retryMaxMs);
      }
    }
  }

  #emit(changes: Change[], lastSeq: string): void {
    // One object for every listener: they may share work done on it.
    const batch: FeedBatch = { changes, lastSeq };
    for (const listener of this.#listeners) {
      try {
        listener(batch);
      } catch (error) {
        this.#logger?.error({ err: error }, "change listener failed");
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
