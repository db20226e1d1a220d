/**
 * The browser's default storage: Dexie on the page's IndexedDB, wrapped
 * in schema validation so that a write that breaks a collection's schema
 * fails locally, at once, instead of being refused by the server later.
 */
import type { RxStorage } from "rxdb";
import { getRxStorageDexie } from "rxdb/plugins/storage-dexie";
import { wrappedValidateAjvStorage } from "rxdb/plugins/validate-ajv";
import { SyncError } from "./errors.ts";

export function browserStorage(): RxStorage<unknown, unknown> {
  if (typeof indexedDB === "undefined") {
    throw new SyncError(
      "CONFIGURATION",
      "No IndexedDB here; outside browsers pass `storage: nodeStorage()`.",
    );
  }
  return wrappedValidateAjvStorage({ storage: getRxStorageDexie() });
}
