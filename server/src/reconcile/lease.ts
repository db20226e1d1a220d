/**
 * A lease in the server database: at most one server instance holds it
 * at a time, until it lapses. Dispatch runs under one, because two
 * instances choosing riders at once could give one rider two orders.
 * Holders renew it on every run; a stopped holder gives it up, and a
 * crashed one loses it when it lapses.
 */
import type { MetaStore } from "../store/types.ts";

export class Lease {
  readonly #meta: MetaStore;
  readonly #id: string;
  readonly #holder: string;
  readonly #ttlMs: number;

  constructor(meta: MetaStore, id: string, holder: string, ttlMs: number) {
    this.#meta = meta;
    this.#id = id;
    this.#holder = holder;
    this.#ttlMs = ttlMs;
  }

  /** Takes or renews the lease; false while another instance holds it. */
  async acquire(now: Date): Promise<boolean> {
    const doc = await this.#meta.get(this.#id);
    const holder = doc?.value["holder"];
    const expires = Date.parse(String(doc?.value["expiresAt"]));
    if (doc && holder !== this.#holder && expires > now.getTime()) {
      return false;
    }
    const expiresAt = new Date(now.getTime() + this.#ttlMs).toISOString();
    const put = await this.#meta.put(
      this.#id,
      { holder: this.#holder, expiresAt },
      doc?.rev,
    );
    return put.ok;
  }

  /** Gives the lease up if held, so another instance need not wait. */
  async release(): Promise<void> {
    const doc = await this.#meta.get(this.#id);
    if (doc?.value["holder"] !== this.#holder) return;
    const expiresAt = new Date(0).toISOString();
    await this.#meta.put(
      this.#id,
      { holder: this.#holder, expiresAt },
      doc.rev,
    );
  }
}
