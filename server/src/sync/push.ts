import {
  MAX_PUSH_ROWS,
  OkadaError,
  assertValidDoc,
  sameState,
  type CollectionName,
  type PushRejection,
  type PushRow,
  type WireDoc,
} from "@okada/sync-rules";
import type { CollectionStore, CurrentDoc, StoredDoc } from "../store/types.ts";
import { toStored, toWire } from "./wire.ts";

/** How often a row is re-read and retried when CouchDB reports a race. */
const MAX_ATTEMPTS = 5;

export interface PushOutcome {
  /** Current master states the client must adopt. */
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

type Decision =
  | { kind: "done" }
  | { kind: "conflict"; master: WireDoc }
  | { kind: "write"; doc: StoredDoc };

/**
 * Compare-and-set against the master: the client's write goes through only
 * when what it assumed is what the store holds now. A row whose new state
 * is already stored is a replay and succeeds without a write.
 */
function decide(row: PushRow, current: CurrentDoc | undefined): Decision {
  const next = row.newDocumentState;
  if (current === undefined) {
    return { kind: "write", doc: toStored(next) };
  }
  const master = toWire(current.doc);
  if (sameState(master, next)) return { kind: "done" };
  const assumed = row.assumedMasterState;
  if (assumed && sameState(assumed, master)) {
    return { kind: "write", doc: toStored(next, current.rev) };
  }
  return { kind: "conflict", master };
}

/**
 * Applies rows as compare-and-set writes. Resolves only after the store
 * has answered for every written row, so whatever is acknowledged is held.
 */
export async function push(
  store: CollectionStore,
  rows: readonly PushRow[],
): Promise<PushOutcome> {
  const conflicts: WireDoc[] = [];
  const written: string[] = [];
  let pending = [...rows];
  for (let attempt = 1; pending.length > 0; attempt++) {
    const ids = pending.map((r) => r.newDocumentState.id);
    const current = await store.getMany(ids);
    const writes: { row: PushRow; doc: StoredDoc }[] = [];
    for (const row of pending) {
      const decision = decide(row, current.get(row.newDocumentState.id));
      if (decision.kind === "conflict") conflicts.push(decision.master);
      if (decision.kind === "write") writes.push({ row, doc: decision.doc });
    }
    if (writes.length === 0) break;
    const results = await store.bulkWrite(writes.map((w) => w.doc));
    const raced: PushRow[] = [];
    results.forEach((result, i) => {
      const row = writes[i]?.row;
      if (row === undefined) return;
      if (result.ok) written.push(result.id);
      else if (result.error === "conflict") raced.push(row);
      else {
        throw new OkadaError(
          "INTERNAL",
          `The store refused ${result.id}: ${result.reason}`,
        );
      }
    });
    pending = raced;
    if (attempt >= MAX_ATTEMPTS && pending.length > 0) {
      const latest = await store.getMany(
        pending.map((r) => r.newDocumentState.id),
      );
      for (const row of pending) {
        const master = latest.get(row.newDocumentState.id);
        if (master) conflicts.push(toWire(master.doc));
      }
      break;
    }
  }
  return { conflicts, written, rejections: [] };
}
