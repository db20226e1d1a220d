/** One collection's database, as the sync core reads and writes it. */
import type { CollectionName } from "@okada/sync-rules";
import { readChanges, readCurrentSeq, waitChanges } from "./couch-changes.ts";
import { bulkWrite, getMany } from "./couch-docs.ts";
import type { CouchHttp } from "./couch-http.ts";
import type { CollectionStore } from "./types.ts";

export function createCouchCollection(
  http: CouchHttp,
  name: CollectionName,
  dbName: string,
): CollectionStore {
  return {
    name,
    dbName,
    changes: (since, limit) => readChanges(http, dbName, since, limit),
    waitForChanges: (since, timeoutMs, signal) =>
      waitChanges(http, dbName, since, timeoutMs, signal),
    currentSeq: () => readCurrentSeq(http, dbName),
    getMany: (ids) => getMany(http, dbName, ids),
    bulkWrite: (docs) => bulkWrite(http, dbName, docs),
  };
}
