/**
 * A change follower's position, kept in the server database so that a
 * restarted server resumes where processing stopped.
 *
 * Several instances share one checkpoint document and each writes the
 * sequence it has itself handled everything up to. Sequences are opaque
 * (CouchDB 3), so nobody can tell which of two is further; whichever is
 * written last stands. That is safe: every stored sequence is one up to
 * which all changes were handled by someone, so a restart may handle
 * some changes again (processing is idempotent) but never skips one.
 */
import type { MetaStore } from "../store/types.ts";

/** The sequence of the beginning of a feed. */
export const FEED_START = "0";

export class Checkpoint {
  readonly #meta: MetaStore;
  readonly #id: string;
  readonly #holder: string;
  #rev: string | undefined;

  /**
   * @param id the document, e.g. `checkpoint:order-intake`
   * @param holder the instance writing it, for people reading the store
   */
  constructor(meta: MetaStore, id: string, holder: string) {
    this.#meta = meta;
    this.#id = id;
    this.#holder = holder;
  }

  /** The saved sequence; the beginning when none was saved. */
  async load(): Promise<string> {
    const doc = await this.#meta.get(this.#id);
    this.#rev = doc?.rev;
    const seq = doc?.value["seq"];
    return typeof seq === "string" && seq !== "" ? seq : FEED_START;
  }

  /** Saves `seq`, over whatever another instance saved meanwhile. */
  async save(seq: string, at: Date): Promise<void> {
    const value = { seq, by: this.#holder, savedAt: at.toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      const put = await this.#meta.put(this.#id, value, this.#rev);
      if (put.ok) {
        this.#rev = put.rev;
        return;
      }
      this.#rev = (await this.#meta.get(this.#id))?.rev;
    }
    // Three instances kept overwriting each other: theirs stands, which
    // is as safe as ours (see above).
  }
}
