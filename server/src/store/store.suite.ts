/**
 * The one suite every store must pass, run against a real server: the
 * embedded one (embedded.store.test.ts) and CouchDB when COUCHDB_URL is set
 * (couch.store.test.ts). Each test gets fresh databases under a new prefix.
 */
import nano from "nano";
import type { Configuration } from "nano";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  Change,
  ChangesPage,
  CollectionStore,
  Store,
  StoredDoc,
  UserRecord,
  WriteResult,
} from "./types.ts";

export interface StoreUnderTest {
  store: Store;
  /** The server, to look behind the store's back (indexes). */
  url: string;
  /** The prefix of this store's databases. */
  prefix: string;
  cleanup(): Promise<void>;
}

export function storeSuite(
  label: string,
  makeStore: () => Promise<StoreUnderTest>,
): void {
  describe(label, () => {
    let subject: StoreUnderTest;
    let store: Store;

    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
      await store.init();
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    describe("init", () => {
      it("can run again, also concurrently", async () => {
        await store.init();
        await Promise.all([store.init(), store.init()]);
        await store.ping();
        expect(await store.isEmpty()).toBe(true);
      });

      it("names one database per collection", () => {
        const orders = store.collection("orders");
        expect(orders.name).toBe("orders");
        expect(orders.dbName).toBe(`${subject.prefix}orders`);
      });

      it("creates the Mango indexes", async () => {
        const config: Configuration & { parseUrl: boolean } = {
          url: subject.url,
          parseUrl: false,
        };
        const server = nano(config);
        const fields = async (db: string): Promise<string[]> => {
          const answer = (await server.request({ db, path: "_index" })) as {
            indexes: { def: { fields: object[] } }[];
          };
          return answer.indexes.flatMap((index) =>
            index.def.fields.flatMap((field) => Object.keys(field)),
          );
        };
        const db = (name: string): string => `${subject.prefix}${name}`;
        expect(await fields(db("products"))).toContain("storeId");
        expect(await fields(db("stock"))).toContain("storeId");
        expect(await fields(db("orders"))).toEqual(
          expect.arrayContaining(["customerId", "storeId"]),
        );
      });
    });

    describe("changes", () => {
      it("pages with opaque sequences, no misses, no repeats", async () => {
        const products = store.collection("products");
        expect((await products.changes("0", 10)).results).toEqual([]);
        await writeAll(
          products,
          range(7).map((i) => doc(`p${i}`, { i })),
        );

        const first = await readAll(products, "0", 3);
        expect(first.ids.sort()).toEqual(range(7).map((i) => `p${i}`));
        for (const change of first.changes) {
          expect(typeof change.seq).toBe("string");
          expect(change.doc._id).toBe(change.id);
        }

        await writeAll(products, [doc("p7", {}), doc("p8", {})]);
        const next = await readAll(products, first.lastSeq, 3);
        expect(next.ids.sort()).toEqual(["p7", "p8"]);
      });

      it("lists each document once, newest revision first", async () => {
        const stores = store.collection("stores");
        const [created] = await writeAll(stores, [doc("s1", { v: 1 })]);
        const updated = await stores.bulkWrite([
          { ...doc("s1", { v: 2 }), _rev: revOf(created) },
        ]);
        const { ids, changes } = await readAll(stores, "0", 10);
        expect(ids).toEqual(["s1"]);
        expect(changes[0]?.doc).toMatchObject({
          v: 2,
          _rev: revOf(updated[0]),
        });
      });

      it("keeps the body of a deletion", async () => {
        const orders = store.collection("orders");
        const [created] = await writeAll(orders, [doc("o1", { total: 5 })]);
        await writeAll(orders, [
          { ...doc("o1", { total: 5 }), _rev: revOf(created), _deleted: true },
        ]);
        const { changes } = await readAll(orders, "0", 10);
        expect(changes).toHaveLength(1);
        expect(changes[0]).toMatchObject({
          id: "o1",
          deleted: true,
          doc: { _id: "o1", total: 5, _deleted: true },
        });
      });

      it("hides design documents but moves past them", async () => {
        // products holds the storeId index created by init().
        const products = store.collection("products");
        const page = await products.changes("0", 1);
        expect(page.results).toEqual([]);
        await writeAll(products, [doc("p1", {})]);
        const after = await products.changes(page.lastSeq, 1);
        expect(after.results.map((c) => c.id)).toEqual(["p1"]);
      });

      it("starts now from currentSeq", async () => {
        const riders = store.collection("riders");
        await writeAll(riders, [doc("r1", {})]);
        const now = await riders.currentSeq();
        expect(typeof now).toBe("string");
        expect((await riders.changes(now, 10)).results).toEqual([]);
        await writeAll(riders, [doc("r2", {})]);
        const page = await riders.changes(now, 10);
        expect(page.results.map((c) => c.id)).toEqual(["r2"]);
      });
    });

    describe("waitForChanges", () => {
      it("wakes on a write", async () => {
        const stock = store.collection("stock");
        const since = await stock.currentSeq();
        const started = Date.now();
        const waiting = stock.waitForChanges(
          since,
          10_000,
          new AbortController().signal,
        );
        await sleep(200);
        await writeAll(stock, [doc("s1:p1", { onHand: 3 })]);
        const page = await waiting;
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(page.results.map((c) => c.id)).toEqual(["s1:p1"]);
        expect(page.results[0]?.doc).toMatchObject({ onHand: 3 });
        const rest = await stock.changes(page.lastSeq, 10);
        expect(rest.results).toEqual([]);
      });

      it("answers at once when changes are waiting", async () => {
        const stock = store.collection("stock");
        await writeAll(stock, [doc("a", {}), doc("b", {})]);
        const page = await stock.waitForChanges(
          "0",
          10_000,
          new AbortController().signal,
        );
        expect(page.results.map((c) => c.id).sort()).toEqual(["a", "b"]);
      });

      it("times out with an empty page that resumes", async () => {
        const stock = store.collection("stock");
        const since = await stock.currentSeq();
        const started = Date.now();
        const page = await stock.waitForChanges(
          since,
          400,
          new AbortController().signal,
        );
        const elapsed = Date.now() - started;
        expect(page.results).toEqual([]);
        expect(elapsed).toBeGreaterThanOrEqual(350);
        expect(elapsed).toBeLessThan(5_000);
        await writeAll(stock, [doc("later", {})]);
        const after = await stock.changes(page.lastSeq, 10);
        expect(after.results.map((c) => c.id)).toEqual(["later"]);
      });

      it("rejects when aborted, before or during the wait", async () => {
        const stock = store.collection("stock");
        const since = await stock.currentSeq();
        const aborted = AbortSignal.abort();
        await expect(
          stock.waitForChanges(since, 10_000, aborted),
        ).rejects.toMatchObject({ name: "AbortError" });

        const controller = new AbortController();
        const waiting = stock.waitForChanges(since, 10_000, controller.signal);
        await sleep(100);
        controller.abort();
        await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
        await store.ping();
      });
    });

    describe("getMany", () => {
      it("returns winning revisions, tombstones with their body", async () => {
        const orders = store.collection("orders");
        expect(await orders.getMany([])).toEqual(new Map());
        const [live, gone] = await writeAll(orders, [
          doc("live", { n: 1 }),
          doc("gone", { n: 2 }),
        ]);
        const [deleted] = await writeAll(orders, [
          { ...doc("gone", { n: 2 }), _rev: revOf(gone), _deleted: true },
        ]);

        const found = await orders.getMany(["live", "gone", "missing"]);
        expect([...found.keys()].sort()).toEqual(["gone", "live"]);
        expect(found.get("live")).toEqual({
          rev: revOf(live),
          deleted: false,
          doc: { _id: "live", _rev: revOf(live), n: 1 },
        });
        expect(found.get("gone")).toEqual({
          rev: revOf(deleted),
          deleted: true,
          doc: { _id: "gone", _rev: revOf(deleted), n: 2, _deleted: true },
        });
      });
    });

    describe("bulkWrite", () => {
      it("compares and sets on _rev", async () => {
        const products = store.collection("products");
        expect(await products.bulkWrite([])).toEqual([]);
        const [created] = await writeAll(products, [doc("p", { v: 1 })]);
        const [updated] = await writeAll(products, [
          { ...doc("p", { v: 2 }), _rev: revOf(created) },
        ]);
        expect(revOf(updated)).not.toBe(revOf(created));

        const refused = await products.bulkWrite([
          { ...doc("p", { v: 3 }), _rev: revOf(created) },
          doc("p", { v: 4 }),
          doc("fresh", {}),
        ]);
        expect(refused.map(outcome)).toEqual([
          "p:conflict",
          "p:conflict",
          "fresh:ok",
        ]);
        const current = await products.getMany(["p"]);
        expect(current.get("p")?.doc).toMatchObject({ v: 2 });
      });

      it("creates anew over a tombstone without _rev", async () => {
        const riders = store.collection("riders");
        const [created] = await writeAll(riders, [doc("r", { v: 1 })]);
        await writeAll(riders, [
          { ...doc("r", { v: 1 }), _rev: revOf(created), _deleted: true },
        ]);
        const [reborn] = await writeAll(riders, [doc("r", { v: 2 })]);
        const found = await riders.getMany(["r"]);
        expect(found.get("r")).toMatchObject({
          rev: revOf(reborn),
          deleted: false,
          doc: { v: 2 },
        });
      });
    });

    describe("users", () => {
      const alice: UserRecord = {
        _id: "user:alice",
        username: "alice",
        passwordHash: "scrypt$00$11",
        role: "staff",
        name: "Alice",
        storeId: "store-1",
      };

      it("round-trips and overwrites", async () => {
        expect(await store.getUser("alice")).toBeUndefined();
        await store.putUsers([alice]);
        expect(await store.getUser("alice")).toMatchObject(alice);

        await store.putUsers([{ ...alice, name: "Alice N." }]);
        await store.putUsers([{ ...alice, name: "Alice N.", role: "admin" }]);
        const stored = await store.getUser("alice");
        expect(stored).toMatchObject({ name: "Alice N.", role: "admin" });
        expect(stored?._rev).toMatch(/^3-/);
      });

      it("are not collection documents", async () => {
        await store.putUsers([alice]);
        expect(await store.isEmpty()).toBe(true);
      });
    });

    describe("isEmpty", () => {
      it("turns false with the first document", async () => {
        expect(await store.isEmpty()).toBe(true);
        await writeAll(store.collection("stores"), [doc("s", {})]);
        expect(await store.isEmpty()).toBe(false);
      });
    });
  });
}

function doc(id: string, fields: Record<string, unknown>): StoredDoc {
  return { _id: id, ...fields };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function outcome(result: WriteResult): string {
  return `${result.id}:${result.ok ? "ok" : result.error}`;
}

function revOf(result: WriteResult | undefined): string {
  if (result?.ok !== true) throw new Error("expected a successful write");
  return result.rev;
}

async function writeAll(
  collection: CollectionStore,
  docs: StoredDoc[],
): Promise<WriteResult[]> {
  const results = await collection.bulkWrite(docs);
  expect(results.map(outcome)).toEqual(docs.map((d) => `${d._id}:ok`));
  return results;
}

/** Pages through the feed until it is caught up. */
async function readAll(
  collection: CollectionStore,
  since: string,
  limit: number,
): Promise<{ ids: string[]; changes: Change[]; lastSeq: string }> {
  const changes: Change[] = [];
  let page: ChangesPage = { results: [], lastSeq: since };
  do {
    page = await collection.changes(page.lastSeq, limit);
    expect(page.results.length).toBeLessThanOrEqual(limit);
    changes.push(...page.results);
  } while (page.results.length === limit);
  const ids = changes.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  return { ids, changes, lastSeq: page.lastSeq };
}
