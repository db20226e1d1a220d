/**
 * The store on CouchDB 3's HTTP API through nano: one database per
 * collection, `<prefix><collection>`, `<prefix>users` for accounts and
 * `<prefix>server` for the server's own checkpoints and leases.
 * The embedded server (embedded-couch.ts) is reached the same way.
 */
import { COLLECTION_NAMES, OkadaError } from "@okada/sync-rules";
import type { CollectionName } from "@okada/sync-rules";
import type { Logger } from "pino";
import { createCouchCollection } from "./couch-collection.ts";
import { findDocs } from "./couch-find.ts";
import { createCouchHttp } from "./couch-http.ts";
import type { CouchHttp } from "./couch-http.ts";
import {
  COLLECTION_INDEXES,
  ensureDatabase,
  ensureIndex,
} from "./couch-init.ts";
import { createCouchMeta } from "./couch-meta.ts";
import { getUser, putUsers } from "./couch-users.ts";
import { asArray, asNumber, asObject } from "./couch-wire.ts";
import type { CollectionStore, ServerStore } from "./types.ts";

export interface CouchStoreOptions {
  /**
   * The CouchDB server, with admin credentials when it needs them:
   * `http://admin:secret@127.0.0.1:5984`. A path is kept as the server
   * root (for a CouchDB behind a proxy at `/couch`).
   */
  url: string;
  /** Prefix of every database name. Default `"okada_"`. */
  prefix?: string;
  /** Receives a warning for each failed request. Default: silent. */
  logger?: Logger;
  /**
   * A request that has not answered after this long fails with
   * STORE_UNAVAILABLE. Longpolls wait their own timeout on top of it.
   * Default 30 000 ms.
   */
  requestTimeoutMs?: number;
}

/**
 * @example
 * const store = createCouchStore({ url: process.env.COUCHDB_URL });
 * await store.init();
 * const page = await store.collection("orders").changes("0", 100);
 */
export function createCouchStore(options: CouchStoreOptions): ServerStore {
  const { prefix = "okada_", requestTimeoutMs = 30_000 } = options;
  const http = createCouchHttp({
    url: options.url,
    requestTimeoutMs,
    logger: options.logger,
  });
  const usersDb = `${prefix}users`;
  const serverDb = `${prefix}server`;
  const meta = createCouchMeta(http, serverDb);
  const collections = new Map<CollectionName, CollectionStore>(
    COLLECTION_NAMES.map((name) => [
      name,
      createCouchCollection(http, name, `${prefix}${name}`),
    ]),
  );

  function collection(name: CollectionName): CollectionStore {
    const found = collections.get(name);
    if (found === undefined) {
      throw new OkadaError(
        "UNKNOWN_COLLECTION",
        `There is no collection named ${String(name)}.`,
      );
    }
    return found;
  }

  async function init(): Promise<void> {
    const dbs = [...collections.values()].map((c) => c.dbName);
    await Promise.all(
      [...dbs, usersDb, serverDb].map((db) => ensureDatabase(http, db)),
    );
    await Promise.all(
      COLLECTION_INDEXES.map(({ collection: name, field }) =>
        ensureIndex(http, collection(name).dbName, field),
      ),
    );
  }

  async function isEmpty(): Promise<boolean> {
    for (const { dbName } of collections.values()) {
      if ((await countDocs(http, dbName)) > 0) return false;
    }
    return true;
  }

  return {
    init,
    ping: async () => {
      await http.call({});
    },
    collection,
    getUser: (username) => getUser(http, usersDb, username),
    putUsers: (users) => putUsers(http, usersDb, users),
    isEmpty,
    meta: () => meta,
    find: (name, request) => findDocs(http, collection(name).dbName, request),
  };
}

/** Live documents, not counting design documents (our indexes). */
async function countDocs(http: CouchHttp, db: string): Promise<number> {
  const info = asObject(await http.call({ db }), "GET /db");
  const total = asNumber(info["doc_count"], "doc_count");
  if (total === 0) return 0;
  const design = asObject(
    await http.call({
      db,
      path: "_all_docs",
      qs: { startkey: "_design/", endkey: "_design/\ufff0" },
    }),
    "GET /db/_all_docs",
  );
  return total - asArray(design["rows"], "GET /db/_all_docs").length;
}
