/**
 * The RxDB storage used outside browsers (simulators, tests): Dexie on an
 * in-memory IndexedDB, wrapped in schema validation like in the browser.
 * Each call gets its own IndexedDB factory, so two clients in one process
 * share nothing, as two phones would.
 */
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import type { RxStorage } from "rxdb";
import { getRxStorageDexie } from "rxdb/plugins/storage-dexie";
import { wrappedValidateAjvStorage } from "rxdb/plugins/validate-ajv";

export function nodeStorage(
  indexedDB: IDBFactory = new IDBFactory(),
): RxStorage<unknown, unknown> {
  return wrappedValidateAjvStorage({
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
}
