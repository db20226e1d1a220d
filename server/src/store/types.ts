/**
 * The store as the sync core sees it: CouchDB 3's HTTP API reached through
 * `nano`, whether the server behind it is a real CouchDB or the embedded
 * PouchDB-based one. Nothing here may rely on PouchDB behaviour that CouchDB
 * does not document (sequences are opaque strings, for one).
 */
import type { CollectionName } from "@okada/sync-rules";

/** A document as CouchDB holds it. */
export interface StoredDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  [field: string]: unknown;
}

/** The winning revision of a document, tombstones included. */
export interface CurrentDoc {
  rev: string;
  deleted: boolean;
  /** The body of that revision; a tombstone keeps the body it was given. */
  doc: StoredDoc;
}

export interface Change {
  id: string;
  /** Opaque; only ever handed back to the store. */
  seq: string;
  deleted: boolean;
  doc: StoredDoc;
}

export interface ChangesPage {
  results: Change[];
  /** Where the next read starts; covers every change in `results`. */
  lastSeq: string;
}

export type WriteResult =
  | { id: string; ok: true; rev: string }
  | {
      id: string;
      ok: false;
      error: "conflict" | "forbidden" | "other";
      reason: string;
    };

export interface CollectionStore {
  readonly name: CollectionName;
  /** The database name, `<prefix><collection>`. */
  readonly dbName: string;
  /**
   * Changes after `since` ("0" for the beginning), at most `limit`, one
   * entry per document (its newest revision), with bodies.
   */
  changes(since: string, limit: number): Promise<ChangesPage>;
  /**
   * Waits up to `timeoutMs` for changes after `since` (CouchDB longpoll).
   * Resolves with an empty page on timeout. Rejects when `signal` aborts.
   */
  waitForChanges(
    since: string,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<ChangesPage>;
  /** The current sequence, for followers that start "now". */
  currentSeq(): Promise<string>;
  /** Current winning revisions of `ids`; missing IDs are absent. */
  getMany(ids: readonly string[]): Promise<Map<string, CurrentDoc>>;
  /**
   * Writes with CouchDB's compare-and-set: a doc with `_rev` must match the
   * winning revision, a doc without `_rev` must not exist (or be deleted).
   * Resolves only once the store has answered for every document.
   */
  bulkWrite(docs: readonly StoredDoc[]): Promise<WriteResult[]>;
}

export interface UserRecord {
  _id: string;
  _rev?: string;
  username: string;
  /** scrypt$<saltHex>$<hashHex> */
  passwordHash: string;
  role: "customer" | "rider" | "staff" | "admin";
  name: string;
  storeId?: string;
  riderId?: string;
  city?: string;
}

export interface Store {
  /** Creates databases and indexes when missing; safe to call again. */
  init(): Promise<void>;
  /** Resolves when the store answers; rejects with STORE_UNAVAILABLE. */
  ping(): Promise<void>;
  collection(name: CollectionName): CollectionStore;
  getUser(username: string): Promise<UserRecord | undefined>;
  putUsers(users: readonly UserRecord[]): Promise<void>;
  /** True when no collection holds a document yet (first start). */
  isEmpty(): Promise<boolean>;
}

/**
 * A small JSON document in the server's own database (`<prefix>server`),
 * never synced to clients: checkpoints of the server's change followers,
 * leases between server instances.
 */
export interface MetaDoc {
  rev: string;
  value: Readonly<Record<string, unknown>>;
}

export type MetaPutResult = { ok: true; rev: string } | { ok: false };

export interface MetaStore {
  /** The document `id`, or undefined when there is none. */
  get(id: string): Promise<MetaDoc | undefined>;
  /**
   * Compare-and-set: with `rev`, replaces that revision; without, creates
   * the document. `{ ok: false }` when someone else wrote first.
   */
  put(
    id: string,
    value: Readonly<Record<string, unknown>>,
    rev?: string,
  ): Promise<MetaPutResult>;
}

/** A Mango query on one collection (CouchDB `_find`). */
export interface FindRequest {
  selector: Readonly<Record<string, unknown>>;
  /** Default 200. */
  limit?: number;
  skip?: number;
}

/**
 * What the server's own background processes need beyond `Store`: the
 * server database and queries. `createCouchStore` returns one.
 */
export interface ServerStore extends Store {
  meta(): MetaStore;
  /** Live documents matching the selector, in no particular order. */
  find(collection: CollectionName, request: FindRequest): Promise<StoredDoc[]>;
}
