import {
  MAX_PULL_LIMIT,
  OkadaError,
  type Checkpoint,
  type CollectionName,
  type PullResult,
  type WireDoc,
} from "@okada/sync-rules";
import type { CollectionStore } from "../store/types.ts";
import { removalOf, type Viewer } from "./access.ts";
import { toWire } from "./wire.ts";

/**
 * CouchDB 3 sequences look like `42-g1AAAA…`; the embedded store's are
 * plain integers. Anything else was not made by us.
 */
const SEQ_PATTERN = /^\d+(-[\w-]{1,4000})?$/;

export function parseCheckpoint(value: unknown): string {
  if (value === null || value === undefined) return "0";
  const seq =
    typeof value === "object" && "seq" in value ? value.seq : undefined;
  if (typeof seq !== "string" || !SEQ_PATTERN.test(seq)) {
    throw new OkadaError(
      "INVALID_CHECKPOINT",
      "The checkpoint was not issued by this server. Drop it and pull " +
        "from the beginning.",
    );
  }
  return seq;
}

export function parseLimit(value: unknown): number {
  if (
    typeof value !== "number" ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > MAX_PULL_LIMIT
  ) {
    throw new OkadaError(
      "BAD_REQUEST",
      `limit must be an integer from 1 to ${MAX_PULL_LIMIT}.`,
    );
  }
  return value;
}

/**
 * Reads the change feed after the checkpoint and keeps what the user may
 * see. Reading goes on past invisible changes until `limit` visible
 * documents are found or the feed is exhausted: a short page tells the
 * client it has caught up, so it must never be short by accident.
 */
export async function pull(
  store: CollectionStore,
  viewer: Viewer,
  collection: CollectionName,
  checkpoint: unknown,
  limit: unknown,
): Promise<PullResult> {
  let since = parseCheckpoint(checkpoint);
  const max = parseLimit(limit);
  const documents: WireDoc[] = [];
  for (;;) {
    const want = max - documents.length;
    const page = await store.changes(since, want);
    for (const change of page.results) {
      const doc = toWire(change.doc);
      const seen = viewer(collection, doc);
      if (seen === "visible") documents.push(doc);
      else if (seen === "removed") documents.push(removalOf(doc));
    }
    since = page.lastSeq;
    if (page.results.length < want || documents.length >= max) break;
  }
  return { documents, checkpoint: { seq: since as Checkpoint } };
}
