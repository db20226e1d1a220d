/**
 * The local database: RxDB with Okada's five collections, their schemas
 * taken from sync-rules so that client and server validate alike.
 */
import {
  createRxDatabase,
  type RxCollection,
  type RxConflictHandler,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from "rxdb";
import {
  COLLECTIONS,
  COLLECTION_NAMES,
  type CollectionName,
  type OrderDoc,
  type ProductDoc,
  type RiderDoc,
  type StockDoc,
  type StoreDoc,
} from "@okada/sync-rules";
import { okadaRxConflictHandler } from "./conflict-handler.ts";

export interface OkadaDocTypes {
  stores: StoreDoc;
  products: ProductDoc;
  stock: StockDoc;
  orders: OrderDoc;
  riders: RiderDoc;
}

export type OkadaCollections = {
  [K in CollectionName]: RxCollection<OkadaDocTypes[K]>;
};

export type OkadaDatabase = RxDatabase<OkadaCollections>;

export interface OkadaDatabaseOptions {
  /** The IndexedDB database name; one per user and device. */
  name: string;
  /** Any RxDB storage; Dexie on IndexedDB in browsers and tests. */
  storage: RxStorage<unknown, unknown>;
  /** Share one database between tabs (browser). Default true. */
  multiInstance?: boolean;
  /**
   * The collections to create. Default: all five. Only these exist on
   * the returned database; the others are undefined.
   */
  collections?: readonly CollectionName[];
  /**
   * Resolves a push that met a newer master. Default: adopt the master
   * the server merged (conflict-handler.ts).
   */
  conflictHandler?: RxConflictHandler<unknown>;
}

export async function createOkadaDatabase(
  options: OkadaDatabaseOptions,
): Promise<OkadaDatabase> {
  const db = await createRxDatabase<OkadaCollections>({
    name: options.name,
    storage: options.storage,
    multiInstance: options.multiInstance ?? true,
    eventReduce: true,
  });
  const conflictHandler =
    options.conflictHandler ?? okadaRxConflictHandler<unknown>();
  const collections = Object.fromEntries(
    (options.collections ?? COLLECTION_NAMES).map((name) => [
      name,
      {
        schema: COLLECTIONS[name].schema as unknown as RxJsonSchema<unknown>,
        conflictHandler,
      },
    ]),
  );
  await db.addCollections(collections);
  return db;
}
