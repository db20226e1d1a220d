/**
 * The stock RxDB GraphQL replication, unmodified, against the generated
 * schema: RxDB 17 on in-memory storage with schema validation, talking to
 * an in-process graphql-js server through a custom `fetch`.
 */
import type {
  RxCollection,
  RxDatabase,
  RxJsonSchema,
  SyncOptionsGraphQL,
} from "rxdb";
import { createRxDatabase } from "rxdb";
import { replicateGraphQL } from "rxdb/plugins/replication-graphql";
import { getRxStorageMemory } from "rxdb/plugins/storage-memory";
import { wrappedValidateAjvStorage } from "rxdb/plugins/validate-ajv";
import { afterEach, describe, expect, test } from "vitest";
import type { CollectionName } from "../collections.ts";
import { COLLECTIONS } from "../collections.ts";
import type { SyncCheckpoint, WireDoc } from "../protocol.ts";
import type { GraphqlDocTypes } from "./documents.ts";
import { graphqlReplicationOptions } from "./replication-options.ts";
import type { TestSyncServer } from "./test-support.ts";
import { createTestSyncServer, SAMPLE_DOCS } from "./test-support.ts";

type Collections = {
  [C in CollectionName]: RxCollection<GraphqlDocTypes[C]>;
};

const open: RxDatabase<Collections>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

async function clientDb(): Promise<RxDatabase<Collections>> {
  const db = await createRxDatabase<Collections>({
    name: `okada${Math.random().toString(36).slice(2)}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    multiInstance: false,
  });
  open.push(db);
  const schema = <C extends CollectionName>(c: C) => ({
    // The sync-rules schemas are RxDB schemas; `as const` makes them
    // readonly, which RxDB's types do not spell out.
    schema: COLLECTIONS[c].schema as unknown as RxJsonSchema<
      GraphqlDocTypes[C]
    >,
  });
  await db.addCollections({
    products: schema("products"),
    orders: schema("orders"),
    riders: schema("riders"),
  });
  return db;
}

function replicate<C extends "products" | "orders" | "riders">(
  db: RxDatabase<Collections>,
  server: TestSyncServer,
  collection: C,
  settings: { pullBatchSize?: number } = {},
) {
  const { pull, push } = graphqlReplicationOptions(collection, settings);
  const options: SyncOptionsGraphQL<GraphqlDocTypes[C], SyncCheckpoint> = {
    collection: db[collection],
    url: { http: "http://okada.test/graphql" },
    fetch: server.fetch,
    headers: { Authorization: "Bearer test" },
    replicationIdentifier: `graphql-${collection}`,
    waitForLeadership: false,
    retryTime: 50,
    pull,
    push,
  };
  const state = replicateGraphQL(options);
  const errors: unknown[] = [];
  state.error$.subscribe((e) => errors.push(e));
  return { state, errors };
}

const product = (n: number): WireDoc => ({
  ...SAMPLE_DOCS.products,
  id: `prod-${n}`,
  name: { fr: `Produit ${n}`, en: `Product ${n}` },
  priceXaf: 100 * n,
});

function plain(doc: { toJSON(): unknown } | null): unknown {
  return doc ? JSON.parse(JSON.stringify(doc.toJSON())) : null;
}

describe("replicateGraphQL with the generated builders", () => {
  test("pulls every page, nested fields intact", async () => {
    const server = createTestSyncServer();
    for (let n = 1; n <= 5; n++) server.put("products", product(n));
    const db = await clientDb();
    const { state, errors } = replicate(db, server, "products", {
      pullBatchSize: 2,
    });
    await state.awaitInSync();

    const local = await db.products.find().exec();
    expect(local.map((d) => d.id).sort()).toEqual(
      ["prod-1", "prod-2", "prod-3", "prod-4", "prod-5"].sort(),
    );
    const three = await db.products.findOne("prod-3").exec();
    // RxDB's toJSON() leaves out `_deleted`.
    const { _deleted: _, ...fields } = product(3);
    expect(plain(three)).toEqual(fields);
    const pulls = server.requests.filter(
      (r) => r.operationName === "PullProducts",
    );
    // Pages of 2, 2, 1: the last short page ends the pull.
    expect(pulls.length).toBe(3);
    expect(errors).toEqual([]);
    await state.cancel();
  });

  test("pushes local writes without RxDB's internal fields", async () => {
    const server = createTestSyncServer();
    const db = await clientDb();
    const { state, errors } = replicate(db, server, "orders");
    await state.awaitInSync();

    const { _deleted: _, ...order } = SAMPLE_DOCS.orders;
    await db.orders.insert(order);
    await state.awaitInSync();

    expect(server.get("orders", order.id)).toEqual(SAMPLE_DOCS.orders);
    const push = server.requests.find((r) => r.operationName === "PushOrders");
    expect(JSON.stringify(push?.variables)).not.toMatch(/_rev|_meta|_attach/);
    expect(errors).toEqual([]);
    await state.cancel();
  });

  test("optional fields stay absent; validation passes", async () => {
    const server = createTestSyncServer();
    const { location: _, ...offline } = SAMPLE_DOCS.riders;
    server.put("riders", { ...offline, availability: "offline" });
    const db = await clientDb();
    const { state, errors } = replicate(db, server, "riders");
    await state.awaitInSync();

    const rider = await db.riders.findOne(offline.id).exec();
    expect(rider?.toJSON()).not.toHaveProperty("location");
    expect(rider?.availability).toBe("offline");
    expect(errors).toEqual([]);
    await state.cancel();
  });

  test("a conflict comes back and the master state is adopted", async () => {
    const server = createTestSyncServer();
    server.put("products", product(1));
    const db = await clientDb();
    const { state, errors } = replicate(db, server, "products");
    await state.awaitInSync();

    // Staff change the price on the server; this client has not pulled.
    server.put("products", { ...product(1), priceXaf: 999 });
    const local = await db.products.findOne("prod-1").exec();
    await local?.incrementalPatch({ unit: "carton" });
    await state.awaitInSync();

    const after = await db.products.findOne("prod-1").exec();
    // RxDB's default conflict handler keeps the master state.
    expect(after?.priceXaf).toBe(999);
    expect(after?.unit).toBe(SAMPLE_DOCS.products.unit);
    expect(server.get("products", "prod-1")?.["priceXaf"]).toBe(999);
    expect(errors).toEqual([]);
    await state.cancel();
  });

  test("deletions travel both ways", async () => {
    const server = createTestSyncServer();
    server.put("products", product(1));
    server.put("products", product(2));
    const db = await clientDb();
    const { state } = replicate(db, server, "products");
    await state.awaitInSync();

    await (await db.products.findOne("prod-1").exec())?.remove();
    await state.awaitInSync();
    expect(server.get("products", "prod-1")?._deleted).toBe(true);

    server.put("products", { ...product(2), _deleted: true });
    state.reSync();
    await state.awaitInSync();
    expect(await db.products.count().exec()).toBe(0);
    await state.cancel();
  });
});
