/**
 * The stores-by-city directory that read scopes need: a customer in
 * Douala reads the catalogue of every Douala store. Loaded at start and
 * kept current from the stores change feed.
 */
import { storeDirectory, type StoreDirectory } from "@okada/sync-rules";
import type { CollectionStore } from "../store/types.ts";
import type { ChangeFeed } from "./feed.ts";

interface StoreEntry {
  id: string;
  city: string;
  _deleted?: boolean;
}

export class LiveStoreDirectory {
  readonly #stores = new Map<string, StoreEntry>();
  #directory: StoreDirectory = storeDirectory([]);

  get current(): StoreDirectory {
    return this.#directory;
  }

  async load(store: CollectionStore): Promise<void> {
    let since = "0";
    for (;;) {
      const page = await store.changes(since, 500);
      this.#apply(page.results.map((c) => c.doc));
      since = page.lastSeq;
      if (page.results.length < 500) break;
    }
  }

  follow(feed: ChangeFeed): () => void {
    return feed.subscribe(({ changes }) => {
      this.#apply(changes.map((c) => c.doc));
    });
  }

  #apply(docs: readonly Record<string, unknown>[]): void {
    if (docs.length === 0) return;
    for (const doc of docs) {
      const id = String(doc["_id"]);
      this.#stores.set(id, {
        id,
        city: String(doc["city"]),
        _deleted: doc["_deleted"] === true,
      });
    }
    this.#directory = storeDirectory(this.#stores.values());
  }
}
