/**
 * One phone's worth of sync, whatever the approach: a local database the
 * scenario reads and writes, and a way to go offline and catch up.
 */
import type { CollectionName } from "@okada/sync-rules";

export type ApproachName = "sdk" | "graphql" | "pouchdb";

export const APPROACHES: readonly ApproachName[] = [
  "sdk",
  "graphql",
  "pouchdb",
];

/** A document as the scenario sees it: no store fields (`_rev`). */
export type PlainDoc = { id: string } & Record<string, unknown>;

export interface BenchClient {
  readonly approach: ApproachName;
  /** The local copy of a document, or null when it has none. */
  get(collection: CollectionName, id: string): Promise<PlainDoc | null>;
  /** Writes a whole document locally: inserts it or replaces it. */
  put(collection: CollectionName, doc: PlainDoc): Promise<void>;
  /** Documents held locally (deleted ones left out). */
  count(collection: CollectionName): Promise<number>;
  /**
   * Connects and catches up both ways; resolves once the approach has
   * nothing left to do and `done` holds. A client that was offline
   * pushes what it wrote meanwhile.
   */
  sync(done: () => Promise<boolean>): Promise<void>;
  /** Disconnects; local writes wait for the next `sync`. */
  offline(): Promise<void>;
  close(): Promise<void>;
}

export interface ClientSettings {
  /** Longest one catch-up may take, in ms. */
  syncTimeoutMs: number;
  /** The SDK sends its first pull with the handshake (default true). */
  handshakePull?: boolean;
  /** Documents per SDK pull page (default: the SDK's). */
  pullPageSize?: number;
}

/** Where a client connects; the link proxy sits in front of it. */
export interface ClientTarget {
  /** Base URL through the link proxy. */
  readonly url: string;
  /** A bearer token of the scenario's user (unused by PouchDB). */
  readonly token: string;
  /** A folder the client may keep files in. */
  readonly dir: string;
}
