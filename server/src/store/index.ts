/**
 * The store: CouchDB through nano, or the embedded CouchDB-compatible
 * server when no COUCHDB_URL is given. See types.ts for the contract.
 */
export type * from "./types.ts";
export { createCouchStore } from "./couch-store.ts";
export type { CouchStoreOptions } from "./couch-store.ts";
export { startEmbeddedCouch } from "./embedded-couch.ts";
export type { EmbeddedCouch, EmbeddedCouchOptions } from "./embedded-couch.ts";
export { COLLECTION_INDEXES } from "./couch-init.ts";
export { userDocId } from "./couch-users.ts";
