/**
 * Applying pushed rows. Each row is reviewed by the sync rules against
 * the master it meets (authorised, merged when the master moved,
 * validated) and written as a compare-and-set on the CouchDB revision; a
 * write that lost a race is reviewed again against the new master.
 */
import { createHash } from "node:crypto";
import {
  COLLECTIONS,
  MAX_PUSH_ROWS,
  OkadaError,
  assertValidDoc,
  canonicalJson,
  reviewPush,
  sameState,
  type CollectionName,
  type PushRejection,
  type PushRow,
  type RuleUser,
  type WireDoc,
} from "@okada/sync-rules";
import type { CollectionStore, CurrentDoc, StoredDoc } from "../store/types.ts";
import { removalOf, type Viewer } from "./access.ts";
import { toStored, toWire } from "./wire.ts";

/** How often a row is re-read and retried when CouchDB reports a race. */
const MAX_ATTEMPTS = 8;
/** Fingerprints of recent writes kept on a counter document. */
const APPLIED_WRITES_KEPT = 16;

export interface PushOutcome {
  /** States the client must adopt: merges, and masters it must return to. */
  conflicts: WireDoc[];
  /** Rows the rules refused; nothing of them was written. */
  rejections: PushRejection[];
  /** IDs written by this call (replays of stored states are not). */
  written: string[];
}

/** Checks the whole request before anything is written. */
export function parseRows(
  collection: CollectionName,
  rows: unknown,
): PushRow[] {
  if (!Array.isArray(rows)) {
    throw new OkadaError("BAD_REQUEST", "rows must be an array.");
  }
  if (rows.length > MAX_PUSH_ROWS) {
    throw new OkadaError(
      "PAYLOAD_TOO_LARGE",
      `A push takes at most ${MAX_PUSH_ROWS} rows; split the batch.`,
    );
  }
  const seen = new Set<string>();
  return rows.map((row: unknown) => {
    if (row === null || typeof row !== "object") {
      throw new OkadaError("BAD_REQUEST", "Each row must be an object.");
    }
    const { assumedMasterState, newDocumentState } = row as PushRow;
    assertValidDoc(collection, newDocumentState);
    if (seen.has(newDocumentState.id)) {
      throw new OkadaError(
        "BAD_REQUEST",
        `${collection}/${newDocumentState.id} appears twice in one push.`,
      );
    }
    seen.add(newDocumentState.id);
    const assumed = assumedMasterState ?? undefined;
    if (assumed !== undefined) {
      if (typeof assumed !== "object" || assumed.id !== newDocumentState.id) {
        throw new OkadaError(
          "BAD_REQUEST",
          "assumedMasterState must be the same document as newDocumentState.",
        );
      }
      return { assumedMasterState: assumed, newDocumentState };
    }
    return { newDocumentState };
  });
}

/**
 * A counter's delta is not idempotent: a push replayed after its answer
 * was lost would add the delta again. Collections whose schema keeps
 * `appliedWrites` remember a fingerprint of each write they took.
 */
function guardsReplays(collection: CollectionName): boolean {
  return "appliedWrites" in COLLECTIONS[collection].schema.properties;
}

function fingerprint(user: RuleUser, row: PushRow): string {
  return createHash("sha256")
    .update(user.id)
    .update("\n")
    .update(row.assumedMasterState ? canonicalJson(row.assumedMasterState) : "")
    .update("\n")
    .update(canonicalJson(row.newDocumentState))
    .digest("hex")
    .slice(0, 16);
}

function appliedWrites(doc: WireDoc | undefined): string[] {
  const list = doc?.["appliedWrites"];
  return Array.isArray(list) ? list.map(String) : [];
}

/** Server-owned bookkeeping added to what the rules decided to store. */
function finalise(
  collection: CollectionName,
  master: WireDoc | undefined,
  doc: WireDoc,
  print: string | undefined,
): WireDoc {
  const out: WireDoc = { ...doc };
  if (print !== undefined) {
    out["appliedWrites"] = [...appliedWrites(master), print].slice(
      -APPLIED_WRITES_KEPT,
    );
  }
  const before = master?.["riderId"];
  if (
    collection === "orders" &&
    typeof before === "string" &&
    before !== doc["riderId"]
  ) {
    const former = Array.isArray(master?.["formerRiderIds"])
      ? (master["formerRiderIds"] as string[])
      : [];
    if (!former.includes(before)) {
      out["formerRiderIds"] = [...former, before].slice(-50);
    }
  }
  return out;
}

/**
 * What a refused writer is told about the master. Only what they may
 * read: a refusal must not become a way to read someone else's document
 * by pushing a made-up one under its id.
 */
function refusalView(
  viewer: Viewer,
  collection: CollectionName,
  next: WireDoc,
  master: WireDoc | undefined,
): { shown: WireDoc | null; revert: WireDoc } {
  // Whatever the client holds under this id goes: it was never real.
  const undo = { ...next, _deleted: true };
  if (master === undefined) return { shown: null, revert: undo };
  const seen = viewer(collection, master);
  if (seen === "visible") return { shown: master, revert: master };
  if (seen === "removed") return { shown: null, revert: removalOf(master) };
  return { shown: null, revert: undo };
}

type Decision =
  | { kind: "adopt"; master: WireDoc }
  | { kind: "done" }
  | { kind: "reject"; rejection: PushRejection; revert: WireDoc }
  | { kind: "write"; doc: WireDoc; stored: StoredDoc };

function decide(
  user: RuleUser,
  viewer: Viewer,
  collection: CollectionName,
  row: PushRow,
  current: CurrentDoc | undefined,
): Decision {
  const next = row.newDocumentState;
  const master = current ? toWire(current.doc) : undefined;
  const guarded = guardsReplays(collection) && user.role !== "server";
  const print = guarded ? fingerprint(user, row) : undefined;
  if (master && print && appliedWrites(master).includes(print)) {
    return { kind: "adopt", master };
  }
  const review = reviewPush(user, collection, row, master);
  if (!review.ok) {
    const { shown, revert } = refusalView(viewer, collection, next, master);
    return {
      kind: "reject",
      rejection: {
        id: next.id,
        code: review.code,
        message: review.message,
        master: shown,
      },
      revert,
    };
  }
  if (master && sameState(review.doc, master)) {
    return sameState(next, master)
      ? { kind: "done" }
      : { kind: "adopt", master };
  }
  const doc = finalise(collection, master, review.doc, print);
  return { kind: "write", doc, stored: toStored(doc, current?.rev) };
}

/**
 * Applies rows for `user`. Resolves only after the store has answered
 * for every written row, so whatever is acknowledged is held.
 */
export async function push(
  store: CollectionStore,
  user: RuleUser,
  viewer: Viewer,
  collection: CollectionName,
  rows: readonly PushRow[],
): Promise<PushOutcome> {
  const outcome: PushOutcome = { conflicts: [], rejections: [], written: [] };
  let pending = [...rows];
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS) {
      throw new OkadaError(
        "STORE_UNAVAILABLE",
        "These documents are being changed by many writers at once; " +
          "retry shortly.",
      );
    }
    const current = await store.getMany(
      pending.map((r) => r.newDocumentState.id),
    );
    const writes: { row: PushRow; doc: WireDoc; stored: StoredDoc }[] = [];
    for (const row of pending) {
      const id = row.newDocumentState.id;
      const decision = decide(user, viewer, collection, row, current.get(id));
      if (decision.kind === "adopt") outcome.conflicts.push(decision.master);
      if (decision.kind === "reject") {
        outcome.rejections.push(decision.rejection);
        outcome.conflicts.push(decision.revert);
      }
      if (decision.kind === "write") writes.push({ row, ...decision });
    }
    if (writes.length === 0) break;
    const results = await store.bulkWrite(writes.map((w) => w.stored));
    pending = [];
    results.forEach((result, i) => {
      const write = writes[i];
      if (write === undefined) return;
      if (result.ok) {
        outcome.written.push(result.id);
        if (!sameState(write.doc, write.row.newDocumentState)) {
          outcome.conflicts.push(write.doc);
        }
      } else if (result.error === "conflict") {
        pending.push(write.row);
      } else {
        throw new OkadaError(
          "INTERNAL",
          `The store refused ${result.id}: ${result.reason}`,
        );
      }
    });
  }
  return outcome;
}
