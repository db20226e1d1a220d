/**
 * seedDemoData against an in-memory fake of the `Store` interface, which
 * keeps CouchDB's compare-and-set rule for `bulkWrite`. The real stores
 * are covered by their own shared suite.
 */
import type { CollectionName } from "@okada/sync-rules";
import { isOkadaError } from "@okada/sync-rules";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type {
  CollectionStore,
  CurrentDoc,
  Store,
  StoredDoc,
  UserRecord,
  WriteResult,
} from "../store/types.ts";
import { demoData } from "./demo-data.ts";
import { verifyPassword } from "./password.ts";
import { SEED_BATCH_SIZE, seedDemoData } from "./seed.ts";

type Refusal = Exclude<WriteResult, { ok: true }>["error"];

class FakeCollection implements CollectionStore {
  readonly docs = new Map<string, CurrentDoc>();
  readonly batches: number[] = [];
  /** Runs before each write; may return a refusal for that document. */
  beforeWrite: (doc: StoredDoc) => Refusal | undefined = () => undefined;

  constructor(readonly name: CollectionName) {}

  get dbName(): string {
    return `okada_${this.name}`;
  }

  getMany(ids: readonly string[]): Promise<Map<string, CurrentDoc>> {
    const found = ids.flatMap((id) => {
      const current = this.docs.get(id);
      return current === undefined ? [] : [[id, current] as const];
    });
    return Promise.resolve(new Map(found));
  }

  bulkWrite(docs: readonly StoredDoc[]): Promise<WriteResult[]> {
    this.batches.push(docs.length);
    return Promise.resolve(docs.map((doc) => this.write(doc)));
  }

  write(doc: StoredDoc): WriteResult {
    const id = doc._id;
    const refusal = this.beforeWrite(doc);
    if (refusal !== undefined) {
      return { id, ok: false, error: refusal, reason: "refused by test" };
    }
    const current = this.docs.get(id);
    const live = current !== undefined && !current.deleted;
    if (live ? doc._rev !== current.rev : doc._rev !== undefined) {
      return {
        id,
        ok: false,
        error: "conflict",
        reason: "Document update conflict.",
      };
    }
    const rev = `${(current === undefined ? 0 : parseInt(current.rev)) + 1}-fake`;
    this.docs.set(id, {
      rev,
      deleted: doc._deleted === true,
      doc: { ...doc, _rev: rev },
    });
    return { id, ok: true, rev };
  }

  changes(): never {
    throw new Error("not used by the seeder");
  }
  waitForChanges(): never {
    throw new Error("not used by the seeder");
  }
  currentSeq(): never {
    throw new Error("not used by the seeder");
  }
}

class FakeStore implements Store {
  readonly collections = new Map<CollectionName, FakeCollection>();
  readonly users = new Map<string, UserRecord>();

  init(): Promise<void> {
    return Promise.resolve();
  }
  ping(): Promise<void> {
    return Promise.resolve();
  }
  collection(name: CollectionName): FakeCollection {
    let collection = this.collections.get(name);
    if (collection === undefined) {
      collection = new FakeCollection(name);
      this.collections.set(name, collection);
    }
    return collection;
  }
  getUser(username: string): Promise<UserRecord | undefined> {
    return Promise.resolve(this.users.get(username));
  }
  putUsers(users: readonly UserRecord[]): Promise<void> {
    for (const user of users) this.users.set(user.username, user);
    return Promise.resolve();
  }
  isEmpty(): Promise<boolean> {
    const docs = [...this.collections.values()].some((c) => c.docs.size > 0);
    return Promise.resolve(!docs);
  }
}

const data = demoData({ productsPerStore: 60 });
const full = { stores: 10, products: 600, stock: 600, riders: 12, users: 4 };
const none = { stores: 0, products: 0, stock: 0, riders: 0, users: 0 };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("seedDemoData", () => {
  it("writes every collection and user on an empty store", async () => {
    const store = new FakeStore();
    expect(await seedDemoData(store, undefined, data)).toEqual({
      written: full,
      skipped: none,
    });
    expect(await store.isEmpty()).toBe(false);
    const stored = store.collection("products").docs.get(data.products[0].id);
    expect(stored?.doc).toMatchObject({
      _id: data.products[0].id,
      ...data.products[0],
    });
  });

  it("writes in batches of at most SEED_BATCH_SIZE", async () => {
    const store = new FakeStore();
    await seedDemoData(store, undefined, data);
    expect(store.collection("products").batches).toEqual([
      SEED_BATCH_SIZE,
      100,
    ]);
    expect(store.collection("stores").batches).toEqual([10]);
  });

  it("stores users with a salted hash of the demo password", async () => {
    const store = new FakeStore();
    await seedDemoData(store, undefined, data);
    const staff = await store.getUser("staff");
    expect(staff).toMatchObject({
      _id: "user:staff",
      role: "staff",
      storeId: "st_dla_akwa",
    });
    expect(staff).not.toHaveProperty("password");
    expect(await verifyPassword("okada", staff?.passwordHash ?? "")).toBe(true);
    const hashes = [...store.users.values()].map((u) => u.passwordHash);
    expect(new Set(hashes).size).toBe(4);
  });

  it("writes nothing and changes nothing on a second run", async () => {
    const store = new FakeStore();
    await seedDemoData(store, undefined, data);
    const before = JSON.stringify([...store.collection("stock").docs]);
    const hash = (await store.getUser("admin"))?.passwordHash;
    expect(await seedDemoData(store, undefined, data)).toEqual({
      written: none,
      skipped: full,
    });
    expect(JSON.stringify([...store.collection("stock").docs])).toBe(before);
    expect((await store.getUser("admin"))?.passwordHash).toBe(hash);
  });

  it("leaves edited and deleted documents as they are", async () => {
    const store = new FakeStore();
    const [edited, deleted] = data.products;
    const products = store.collection("products");
    products.write({ _id: edited.id, ...edited, priceXaf: 5 });
    products.write({ _id: deleted.id, _deleted: true });
    const { written, skipped } = await seedDemoData(store, undefined, data);
    expect(written.products).toBe(598);
    expect(skipped.products).toBe(2);
    expect(products.docs.get(edited.id)?.doc["priceXaf"]).toBe(5);
    expect(products.docs.get(deleted.id)?.deleted).toBe(true);
  });

  it("counts a document another instance wrote first as skipped", async () => {
    const store = new FakeStore();
    const riders = store.collection("riders");
    const raced = data.riders[3].id;
    riders.beforeWrite = (doc) => (doc._id === raced ? "conflict" : undefined);
    const { written, skipped } = await seedDemoData(store, undefined, data);
    expect(written.riders).toBe(11);
    expect(skipped.riders).toBe(1);
  });

  it("rejects with INTERNAL when the store refuses a write", async () => {
    const store = new FakeStore();
    store.collection("stock").beforeWrite = () => "forbidden";
    const error = await rejection(seedDemoData(store, undefined, data));
    expect(isOkadaError(error) && error.code).toBe("INTERNAL");
    expect(store.users.size).toBe(0);
  });

  it("rejects a document that breaks its schema before writing it", async () => {
    const store = new FakeStore();
    const broken = { ...data.products[0], priceXaf: 99.5 };
    const bad = { ...data, products: [broken, ...data.products.slice(1)] };
    const error = await rejection(seedDemoData(store, undefined, bad));
    expect(isOkadaError(error) && error.code).toBe("SCHEMA_VIOLATION");
    expect(store.collection("products").docs.size).toBe(0);
    expect(store.collection("stores").docs.size).toBe(10);
  });

  it("logs what it wrote at debug level", async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: "debug" },
      { write: (line: string) => lines.push(line) },
    );
    await seedDemoData(new FakeStore(), logger, data);
    const entries = lines.map(
      (line) => JSON.parse(line) as Record<string, unknown>,
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        msg: "demo data seed finished",
        written: full,
      }),
    );
  });
});
