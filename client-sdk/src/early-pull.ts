/**
 * The pull a link's handshake carries, from the moment it leaves until
 * the `pulled` event answers it or it fails. It settles exactly once:
 * answered, failed (link lost, refused, malformed, closed) or expired
 * (no answer within the request timeout after connecting). Each
 * collection's catch-up waits on its own page of the reply.
 */
import type { CollectionName, CollectionPull } from "@okada/sync-rules";
import type { Clock, TimerId } from "./clock.ts";
import { SyncError } from "./errors.ts";

type Pages = Partial<Record<CollectionName, CollectionPull>>;

export class EarlyPull {
  readonly names: readonly CollectionName[];
  readonly reply: Promise<Pages>;
  readonly #clock: Clock;
  #resolve: (pages: Pages) => void = () => undefined;
  #reject: (error: SyncError) => void = () => undefined;
  #timer: TimerId | null = null;
  #settled = false;

  constructor(clock: Clock, names: readonly CollectionName[]) {
    this.#clock = clock;
    this.names = names;
    this.reply = new Promise<Pages>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Each catch-up handles failure through its own page.
    this.reply.catch(() => undefined);
  }

  /** One collection's page; rejects when the whole reply does. */
  page(name: CollectionName): Promise<CollectionPull> {
    return this.reply.then((pages) => {
      const page = pages[name];
      if (page) return page;
      const message = `The handshake pull reply has no part for ${name}.`;
      throw new SyncError("MALFORMED_REPLY", message);
    });
  }

  answer(pages: Pages): void {
    if (this.#settle()) this.#resolve(pages);
  }

  fail(error: SyncError): void {
    if (this.#settle()) this.#reject(error);
  }

  /** Fails with REQUEST_TIMEOUT unless settled within `ms`. */
  expireIn(ms: number): void {
    if (this.#settled || this.#timer !== null) return;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      const message = `No answer to the handshake pull within ${ms} ms.`;
      this.fail(new SyncError("REQUEST_TIMEOUT", message));
    }, ms);
  }

  #settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    return true;
  }
}

export function linkLost(): SyncError {
  return new SyncError("LINK_LOST", "The link closed before the reply.");
}
