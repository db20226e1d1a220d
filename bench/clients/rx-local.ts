/**
 * Local reads and writes on an Okada RxDB database, shared by the two
 * RxDB-based clients (the SDK and stock GraphQL replication). Storage is
 * Dexie on an in-memory IndexedDB with schema validation, as the SDK's
 * `nodeStorage()` builds it, one IndexedDB per client.
 */
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import type { RxCollection, RxStorage } from "rxdb";
import { getRxStorageDexie } from "rxdb/plugins/storage-dexie";
import { wrappedValidateAjvStorage } from "rxdb/plugins/validate-ajv";
import type { CollectionName } from "@okada/sync-rules";
import type { OkadaDatabase } from "@okada/client-sdk";
import type { PlainDoc } from "./types.ts";

export function benchStorage(): RxStorage<unknown, unknown> {
  const indexedDB = new IDBFactory();
  return wrappedValidateAjvStorage({
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
}

let databases = 0;

/** A database name no other client of this process uses. */
export function uniqueName(prefix: string): string {
  databases += 1;
  return `${prefix}-${process.pid}-${databases}`;
}

function collectionOf(
  db: OkadaDatabase,
  name: CollectionName,
): RxCollection<PlainDoc> {
  return db[name] as unknown as RxCollection<PlainDoc>;
}

export class RxLocal {
  readonly #db: OkadaDatabase;

  constructor(db: OkadaDatabase) {
    this.#db = db;
  }

  async get(name: CollectionName, id: string): Promise<PlainDoc | null> {
    const doc = await collectionOf(this.#db, name).findOne(id).exec();
    return doc === null ? null : doc.toMutableJSON();
  }

  async put(name: CollectionName, doc: PlainDoc): Promise<void> {
    await collectionOf(this.#db, name).upsert(doc);
  }

  count(name: CollectionName): Promise<number> {
    return collectionOf(this.#db, name).count().exec();
  }
}
