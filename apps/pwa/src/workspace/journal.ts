/**
 * What this user did on this device and has not seen acknowledged yet:
 * one entry per local write, kept across reloads. It lets the app mark
 * documents "waiting to sync" and phrase a refusal as the action the
 * user took ("your cancellation of order #K3F9Q").
 *
 * The SDK reports pending writes per collection, not per document (see
 * LIMITATIONS.md), so an entry is waiting while its collection has any
 * pending write or the app is offline, and is dropped once the
 * collection's outbox is empty after a sync that followed the write.
 */
import type { SyncStatus } from "@okada/client-sdk";
import type { CollectionName, OrderStatus } from "@okada/sync-rules";
import { isRecord, readLocal, writeLocal } from "../ui/local.ts";
import { createStore, type Store } from "../ui/store.ts";

export type Action =
  | OrderStatus
  | "place"
  | "reprice"
  | "assign"
  | "availability"
  | "location"
  | "stock"
  | "open";

export interface JournalEntry {
  readonly collection: CollectionName;
  readonly id: string;
  readonly action: Action;
  readonly at: number;
  /** How the user saw the document: "Riz parfumé 5 kg". */
  readonly label?: string;
}

const MAX_ENTRIES = 300;

function isEntry(value: unknown): value is JournalEntry {
  return (
    isRecord(value) &&
    typeof value["collection"] === "string" &&
    typeof value["id"] === "string" &&
    typeof value["action"] === "string" &&
    typeof value["at"] === "number"
  );
}

export class Journal {
  readonly entries: Store<readonly JournalEntry[]>;
  readonly #key: string;

  constructor(userId: string) {
    this.#key = `okada.journal.${userId}`;
    const saved = readLocal(this.#key);
    this.entries = createStore(
      Array.isArray(saved) ? saved.filter(isEntry) : [],
    );
    this.entries.subscribe((entries) => writeLocal(this.#key, entries));
  }

  record(entry: JournalEntry): void {
    this.entries.set([...this.entries.get(), entry].slice(-MAX_ENTRIES));
  }

  /** The user's last action on a document, if not yet acknowledged. */
  latest(collection: CollectionName, id: string): JournalEntry | undefined {
    const entries = this.entries.get();
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i];
      if (entry?.collection === collection && entry.id === id) return entry;
    }
    return undefined;
  }

  /** Is a write of this document possibly still in the outbox? */
  waiting(collection: CollectionName, id: string, status: SyncStatus): boolean {
    if (this.latest(collection, id) === undefined) return false;
    return !status.online || status.pendingWrites[collection] > 0;
  }

  /** Drops entries that a completed sync has acknowledged. */
  settle(status: SyncStatus): void {
    const synced = status.lastSyncedAt;
    if (!status.online || synced === null) return;
    const entries = this.entries.get();
    const kept = entries.filter(
      (e) => status.pendingWrites[e.collection] > 0 || e.at > synced,
    );
    if (kept.length !== entries.length) this.entries.set(kept);
  }
}
