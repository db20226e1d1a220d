/**
 * Follows one collection's change feed from a checkpoint kept in the
 * server database, handing each change to a handler, in feed order, one
 * at a time.
 *
 *   stopped ──start()──▶ loading ──checkpoint read──▶ following
 *   following ──batch──▶ handling ──all handled──▶ (saving) ──▶ following
 *   loading, following, handling ──failure──▶ waiting ──backoff──▶ (back)
 *   any ──stop()──▶ stopped
 *
 * Invariants:
 * - a change is handed over again until its handler resolves: a failed
 *   handler is retried after a backoff, from the same change;
 * - the checkpoint only ever names a sequence whose changes were all
 *   handled, so a restart never skips a change (it may repeat those
 *   handled since the last save);
 * - a handler that keeps failing for another reason than an unreachable
 *   store is given up after `maxAttempts`, logged as an error, so one
 *   broken document cannot stop the processing of all the others;
 * - after stop() resolves no handler runs.
 */
import type { Logger } from "pino";
import { isOkadaError } from "@okada/sync-rules";
import type { Change, CollectionStore } from "../store/types.ts";
import type { Checkpoint } from "./checkpoint.ts";

export interface FollowerOptions {
  /** Longpoll timeout; an idle feed asks again this often. Default 25 s. */
  pollTimeoutMs?: number;
  /** Backoff after a failure: first delay and cap. 250 ms, 10 s. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Tries of a handler failing for another reason. Default 5. */
  maxAttempts?: number;
  /**
   * The checkpoint is saved at most this often while changes keep
   * coming, and whenever the feed goes quiet or the follower stops.
   * Default 1000 ms.
   */
  saveEveryMs?: number;
  logger?: Logger | undefined;
  now?: () => Date;
}

export type ChangeHandler = (change: Change) => Promise<void>;

export class Follower {
  readonly #feed: CollectionStore;
  readonly #checkpoint: Checkpoint;
  readonly #handle: ChangeHandler;
  readonly #pollTimeoutMs: number;
  readonly #retryMinMs: number;
  readonly #retryMaxMs: number;
  readonly #maxAttempts: number;
  readonly #logger: Logger | undefined;
  readonly #now: () => Date;
  readonly #saveEveryMs: number;
  #abort: AbortController | undefined;
  #loop: Promise<void> | undefined;
  /** Handled up to here and not saved yet. */
  #unsaved: string | undefined;
  #savedAt = Number.NEGATIVE_INFINITY;

  constructor(
    feed: CollectionStore,
    checkpoint: Checkpoint,
    handle: ChangeHandler,
    options: FollowerOptions = {},
  ) {
    this.#feed = feed;
    this.#checkpoint = checkpoint;
    this.#handle = handle;
    this.#pollTimeoutMs = options.pollTimeoutMs ?? 25_000;
    this.#retryMinMs = options.retryMinMs ?? 250;
    this.#retryMaxMs = options.retryMaxMs ?? 10_000;
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#saveEveryMs = options.saveEveryMs ?? 1000;
  }

  start(): void {
    if (this.#loop) return;
    const abort = new AbortController();
    this.#abort = abort;
    this.#loop = this.#run(abort.signal);
  }

  async stop(): Promise<void> {
    this.#abort?.abort();
    await this.#loop;
    this.#loop = undefined;
    this.#abort = undefined;
    await this.#save();
  }

  async #run(signal: AbortSignal): Promise<void> {
    const since = await this.#retrying(signal, () => this.#checkpoint.load());
    if (since === undefined) return;
    let cursor = since;
    while (!signal.aborted) {
      const page = await this.#retrying(signal, () =>
        this.#feed.waitForChanges(cursor, this.#pollTimeoutMs, signal),
      );
      if (page === undefined) return;
      for (const change of page.results) {
        if (!(await this.#handleOne(change, signal))) return;
      }
      if (page.lastSeq !== cursor) {
        cursor = page.lastSeq;
        this.#unsaved = cursor;
      }
      const quiet = page.results.length === 0;
      if (quiet || performance.now() - this.#savedAt >= this.#saveEveryMs) {
        await this.#save();
      }
    }
  }

  /** False when stopped before the change was handled. */
  async #handleOne(change: Change, signal: AbortSignal): Promise<boolean> {
    let delay = this.#retryMinMs;
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        await this.#handle(change);
        return true;
      } catch (error) {
        if (signal.aborted) return false;
        const storeDown =
          isOkadaError(error) && error.code === "STORE_UNAVAILABLE";
        if (!storeDown && attempt >= this.#maxAttempts) {
          this.#logger?.error(
            { err: error, id: change.id, attempts: attempt },
            "change given up; it is handled again when the document changes",
          );
          return true;
        }
        this.#logger?.warn(
          { err: error, id: change.id, retryInMs: delay },
          "change handling failed",
        );
        await sleep(delay, signal);
        delay = Math.min(delay * 2, this.#retryMaxMs);
      }
    }
    return false;
  }

  async #save(): Promise<void> {
    const seq = this.#unsaved;
    if (seq === undefined) return;
    try {
      await this.#checkpoint.save(seq, this.#now());
      if (this.#unsaved === seq) this.#unsaved = undefined;
      this.#savedAt = performance.now();
    } catch (error) {
      // A later save carries a later sequence; until then a restart
      // repeats a little work, which is harmless.
      this.#logger?.warn({ err: error }, "checkpoint not saved");
    }
  }

  /** Runs `work` until it succeeds; undefined when stopped first. */
  async #retrying<T>(
    signal: AbortSignal,
    work: () => Promise<T>,
  ): Promise<T | undefined> {
    let delay = this.#retryMinMs;
    while (!signal.aborted) {
      try {
        return await work();
      } catch (error) {
        if (signal.aborted) return undefined;
        this.#logger?.warn(
          { err: error, db: this.#feed.dbName, retryInMs: delay },
          "change follower interrupted",
        );
        await sleep(delay, signal);
        delay = Math.min(delay * 2, this.#retryMaxMs);
      }
    }
    return undefined;
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
