/**
 * The sync protocol's transport-independent messages. Every transport
 * (GraphQL, socket.io, CouchDB replication) carries these shapes.
 *
 * Ordering: a pull returns changes in the store's change-feed order; the
 * checkpoint it returns covers every change up to and including the last
 * one examined, including changes the user may not see. A push's rows are
 * applied in array order; each row is independent (one refused row does
 * not undo another).
 */
import type { ErrorCode } from "./errors.ts";
import type { Checkpoint } from "./ids.ts";

/**
 * A document as it travels: the collection's fields plus `_deleted`.
 * Store-internal fields (`_id`, `_rev`) never leave the server.
 */
export type WireDoc = { id: string; _deleted: boolean } & Record<
  string,
  unknown
>;

/** The replication checkpoint; `seq` is opaque to clients. */
export interface SyncCheckpoint {
  seq: Checkpoint;
}

export interface PullResult {
  documents: WireDoc[];
  checkpoint: SyncCheckpoint;
}

/** One write, in the shape RxDB replication sends. */
export interface PushRow {
  /** The master state the client last saw; absent for a new document. */
  assumedMasterState?: WireDoc | null;
  newDocumentState: WireDoc;
}

/**
 * The outcome of a push: the current master state of every row the server
 * did not take as sent. The client adopts these.
 */
export type PushConflicts = WireDoc[];

/**
 * A row the rules refused. Nothing of it was written; `master` is the
 * state the client should return to (null when the document does not
 * exist on the server).
 */
export interface PushRejection {
  id: string;
  code: ErrorCode;
  message: string;
  master: WireDoc | null;
}

/** Everything a push tells the client, per collection. */
export interface PushResult {
  /** Master states to adopt: merged results and masters that moved. */
  conflicts: WireDoc[];
  rejections: PushRejection[];
}

/** Largest page a pull may ask for. */
export const MAX_PULL_LIMIT = 1000;
/** Largest number of rows in one push. */
export const MAX_PUSH_ROWS = 500;

/** Fields that belong to the store and never travel. */
const STORE_FIELDS = new Set(["_id", "_rev", "_meta", "_attachments"]);

/**
 * Canonical JSON: object keys sorted, store fields removed, `_deleted`
 * normalised to a boolean. Two states of a document are the same state
 * exactly when their canonical forms are equal.
 */
export function canonicalJson(doc: Readonly<Record<string, unknown>>): string {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!STORE_FIELDS.has(key) && value !== undefined) clean[key] = value;
  }
  clean["_deleted"] = doc["_deleted"] === true;
  return stableStringify(clean);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((v) => stableStringify(v)).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function sameState(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
