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
    await this.#send(batch);
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
      const results = await this.#options.send(requests);
      for (const entry of batch) {
        const result = results.get(entry.key);
        if (result === undefined) {
          const message = `The reply has no part for ${String(entry.key)}.`;
          entry.reject(new SyncError("MALFORMED_REPLY", message));
        } else entry.resolve(result);
      }
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}
