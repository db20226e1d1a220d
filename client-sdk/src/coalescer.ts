/**
 * Gathers calls made within a short window into one batch: the five
 * collections' replications each ask for a pull at nearly the same time
 * (at start, after every reconnection), and on 2G one message with five
 * parts costs one round trip instead of five.
 *
 * A batch opens with its first call, waits `windowMs`, then waits for
 * `ready()` (the link being online) and takes every call queued by then,
 * so calls made while offline all leave in the first message after the
 * link comes back. A batch holds one call per key; a second call for the
 * same key waits for the next batch.
 *
 * `claim()` takes the batch that would leave next out of the queue, to
 * be sent some other way (in a handshake); a claim either settles its
 * calls or puts them back at the front of the queue.
 */
import { sleep, type Clock } from "./clock.ts";
import { SyncError } from "./errors.ts";

export interface CoalescerOptions<K, Req, Res> {
  readonly windowMs: number;
  readonly clock: Clock;
  /** Resolves when a batch may be sent; a rejection fails the batch. */
  readonly ready: () => Promise<unknown>;
  /** Sends one batch; resolves with a result for every key in it. */
  readonly send: (batch: ReadonlyMap<K, Req>) => Promise<ReadonlyMap<K, Res>>;
}

/** Calls taken out of the queue by `claim()`. */
export interface Claim<K, Req, Res> {
  readonly requests: ReadonlyMap<K, Req>;
  /** Answers the calls; a key missing from `results` fails its call. */
  settle(results: ReadonlyMap<K, Res>): void;
  /** Puts the calls back, to leave in the next batch. */
  requeue(): void;
}

interface Entry<K, Req, Res> {
  readonly key: K;
  readonly request: Req;
  resolve(result: Res): void;
  reject(error: unknown): void;
}

export class Coalescer<K, Req, Res> {
  readonly #options: CoalescerOptions<K, Req, Res>;
  #queue: Entry<K, Req, Res>[] = [];
  #scheduled = false;

  constructor(options: CoalescerOptions<K, Req, Res>) {
    this.#options = options;
  }

  /** Queues a call; resolves with its part of the batch's result. */
  add(key: K, request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.#queue.push({ key, request, resolve, reject });
      this.#schedule();
    });
  }

  /** Takes the next batch out of the queue; null when none is queued. */
  claim(): Claim<K, Req, Res> | null {
    const batch = this.#take();
    if (batch.length === 0) return null;
    let done = false;
    return {
      requests: new Map(batch.map((e) => [e.key, e.request] as const)),
      settle: (results) => {
        if (done) return;
        done = true;
        settleAll(batch, results);
      },
      requeue: () => {
        if (done) return;
        done = true;
        this.#queue.unshift(...batch);
        this.#schedule();
      },
    };
  }

  /** Calls queued and not yet sent. */
  get queued(): number {
    return this.#queue.length;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    void this.#run();
  }

  async #run(): Promise<void> {
    try {
      await sleep(this.#options.clock, this.#options.windowMs);
      await this.#options.ready();
    } catch (error) {
      this.#scheduled = false;
      for (const entry of this.#queue.splice(0)) entry.reject(error);
      return;
    }
    const batch = this.#take();
    this.#scheduled = false;
    if (this.#queue.length > 0) this.#schedule();
    // A claim may have taken every call meanwhile.
    if (batch.length > 0) await this.#send(batch);
  }

  /** Removes and returns the first queued call of every key. */
  #take(): Entry<K, Req, Res>[] {
    const seen = new Set<K>();
    const batch: Entry<K, Req, Res>[] = [];
    const rest: Entry<K, Req, Res>[] = [];
    for (const entry of this.#queue) {
      if (seen.has(entry.key)) rest.push(entry);
      else {
        seen.add(entry.key);
        batch.push(entry);
      }
    }
    this.#queue = rest;
    return batch;
  }

  async #send(batch: readonly Entry<K, Req, Res>[]): Promise<void> {
    const requests = new Map(batch.map((e) => [e.key, e.request] as const));
    try {
      settleAll(batch, await this.#options.send(requests));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}

function settleAll<K, Req, Res>(
  batch: readonly Entry<K, Req, Res>[],
  results: ReadonlyMap<K, Res>,
): void {
  for (const entry of batch) {
    const result = results.get(entry.key);
    if (result === undefined) {
      const message = `The reply has no part for ${String(entry.key)}.`;
      entry.reject(new SyncError("MALFORMED_REPLY", message));
    } else entry.resolve(result);
  }
}
