/**
 * Creating databases and Mango indexes at start-up. Several server
 * instances may start at once against one CouchDB, so every step accepts
 * "someone else already did it" as success.
 */
import type { CollectionName } from "@okada/sync-rules";
import type { CouchHttp } from "./couch-http.ts";

/** The Mango indexes the sync core's queries rely on. */
export const COLLECTION_INDEXES: readonly {
  collection: CollectionName;
  field: string;
}[] = [
  { collection: "products", field: "storeId" },
  { collection: "stock", field: "storeId" },
  { collection: "orders", field: "customerId" },
  { collection: "orders", field: "storeId" },
  // Dispatch (server/src/reconcile) looks up open orders and free riders.
  { collection: "orders", field: "status" },
  { collection: "riders", field: "availability" },
];

export async function ensureDatabase(
  http: CouchHttp,
  db: string,
): Promise<void> {
  try {
    // 412: the database exists already.
    await http.send({ method: "PUT", db }, { accept: [412] });
  } catch (err) {
    // A cluster racing another creator may fail the PUT in other ways;
    // what matters is whether the database is there now.
    if (!(await databaseExists(http, db))) throw err;
  }
}

async function databaseExists(http: CouchHttp, db: string): Promise<boolean> {
  const reply = await http.send({ db }, { accept: [404] });
  return reply.ok;
}

/**
 * One design document per index, named after the field, so that creating
 * it again answers "exists" and two indexes never share a design document
 * that concurrent creators would fight over.
 */
export async function ensureIndex(
  http: CouchHttp,
  db: string,
  field: string,
): Promise<void> {
  const request = {
    method: "POST" as const,
    db,
    path: "_index",
    body: {
      index: { fields: [field] },
      ddoc: `okada-by-${field}`,
      name: `by-${field}`,
      type: "json",
    },
  };
  try {
    await http.call(request);
  } catch {
    // A concurrent creator can win the design document update; the second
    // attempt then finds the index in place.
    await http.call(request);
  }
}
