/**
 * Refused writes and merged conflicts, kept until the user dismisses
 * them (across reloads), so a refusal that arrives while the phone is in
 * a pocket is still there when its owner looks.
 */
import type { MergedConflict, RejectedWrite } from "@okada/client-sdk";
import type { CollectionName } from "@okada/sync-rules";
import { isRecord, readLocal, writeLocal } from "../ui/local.ts";
import { createStore, type Store } from "../ui/store.ts";
import type { Action, JournalEntry } from "./journal.ts";

export interface Notice {
  readonly key: string;
  readonly kind: "refused" | "merged";
  readonly collection: CollectionName;
  readonly docId: string;
  readonly at: number;
  /** What the user had done, when this device knows. */
  readonly action?: Action;
  readonly label?: string;
  /** The server's rule code (refusals). */
  readonly code?: string;
  /** The server's own sentence (refusals), in English. */
  readonly detail?: string;
}

const MAX_NOTICES = 20;

function isNotice(value: unknown): value is Notice {
  return (
    isRecord(value) &&
    typeof value["key"] === "string" &&
    (value["kind"] === "refused" || value["kind"] === "merged") &&
    typeof value["docId"] === "string"
  );
}

function fromEntry(entry: JournalEntry | undefined): Partial<Notice> {
  if (entry === undefined) return {};
  return entry.label === undefined
    ? { action: entry.action }
    : { action: entry.action, label: entry.label };
}

export class Notices {
  readonly list: Store<readonly Notice[]>;
  readonly #key: string;

  constructor(userId: string) {
    this.#key = `okada.notices.${userId}`;
    const saved = readLocal(this.#key);
    this.list = createStore(Array.isArray(saved) ? saved.filter(isNotice) : []);
    this.list.subscribe((list) => writeLocal(this.#key, list));
  }

  refused(write: RejectedWrite, entry: JournalEntry | undefined): void {
    this.#add({
      ...fromEntry(entry),
      key: `refused:${write.collection}:${write.id}:${write.at}`,
      kind: "refused",
      collection: write.collection,
      docId: write.id,
      at: write.at,
      code: write.code,
      detail: write.message,
    });
  }

  merged(conflict: MergedConflict, entry: JournalEntry | undefined): void {
    this.#add({
      ...fromEntry(entry),
      key: `merged:${conflict.collection}:${conflict.id}:${conflict.at}`,
      kind: "merged",
      collection: conflict.collection,
      docId: conflict.id,
      at: conflict.at,
    });
  }

  dismiss(key: string): void {
    this.list.set(this.list.get().filter((n) => n.key !== key));
  }

  #add(notice: Notice): void {
    const others = this.list.get().filter((n) => n.key !== notice.key);
    this.list.set([...others, notice].slice(-MAX_NOTICES));
  }
}
