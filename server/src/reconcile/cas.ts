/**
 * The server's own writes: read, change, write with compare-and-set on
 * the CouchDB revision, and on a lost race read and change again. Every
 * write is checked by the sync rules as role `server` (schema and
 * invariants), so a reconciliation bug cannot store a broken document.
 * Server-owned fields are written this way, never through a merge, which
 * would keep the master's value.
 */
import {
  OkadaError,
  checkWrite,
  type CollectionName,
  type RuleUser,
  type WireDoc,
} from "@okada/sync-rules";
import type { CollectionStore, CurrentDoc } from "../store/types.ts";
import { toStored, toWire } from "../sync/wire.ts";

/** Who the rules see when the server writes. */
export const SERVER_USER: RuleUser = { id: "server", role: "server" };

/** How often a document is re-read after losing a race. */
const MAX_ATTEMPTS = 8;

/** A lost race: someone wrote the document first. */
export type WriteOutcome = "written" | "conflict";

/** Writes `next` over the revision `current` was read at. */
export async function writeOver(
  store: CollectionStore,
  current: CurrentDoc,
  next: WireDoc,
): Promise<WriteOutcome> {
  const collection: CollectionName = store.name;
  const verdict = checkWrite(
    SERVER_USER,
    collection,
    toWire(current.doc),
    next,
  );
  if (!verdict.ok) {
    throw new OkadaError(
      "INTERNAL",
      `Reconciliation built an invalid ${collection}/${next.id}: ` +
        verdict.message,
    );
  }
  const [result] = await store.bulkWrite([toStored(next, current.rev)]);
  if (result?.ok) return "written";
  if (result?.error === "conflict") return "conflict";
  throw new OkadaError(
    "INTERNAL",
    `The store refused ${collection}/${next.id}: ` +
      `${result?.reason ?? "no answer"}.`,
  );
}

/**
 * Applies `edit` to the live document `id` until the write lands.
 * `edit` returns the new state, or undefined for "nothing to write";
 * it may run several times and must decide from its argument alone.
 * Resolves with the document as it stands afterwards (undefined when
 * missing or deleted).
 */
export async function updateDoc(
  store: CollectionStore,
  id: string,
  edit: (doc: WireDoc) => WireDoc | undefined,
): Promise<WireDoc | undefined> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = (await store.getMany([id])).get(id);
    if (current === undefined || current.deleted) return undefined;
    const doc = toWire(current.doc);
    const next = edit(doc);
    if (next === undefined) return doc;
    if ((await writeOver(store, current, next)) === "written") return next;
  }
  throw new OkadaError(
    "STORE_UNAVAILABLE",
    `${store.name}/${id} kept changing while the server updated it; ` +
      "it will be tried again.",
  );
}
