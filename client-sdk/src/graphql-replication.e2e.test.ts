/**
 * Stock RxDB clients in Node replicating with a real server through
 * GraphQL: initial pull, live changes both ways, offline writes, stale
 * masters and restarts.
 */
import { IDBFactory } from "fake-indexeddb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RxGraphQLReplicationState } from "rxdb/plugins/replication-graphql";
import {
  graphqlQueryBuilders,
  newOrderId,
  type OrderDoc,
  type ProductDoc,
} from "@okada/sync-rules";
import {
  graphql,
  login,
  startTestServer,
  waitFor,
  type TestServer,
} from "@okada/test-tools";
import { createOkadaDatabase, type OkadaDatabase } from "./database.ts";
import { replicateOkadaGraphQL } from "./graphql-replication.ts";
import { nodeStorage } from "./node-storage.ts";

interface Client {
  db: OkadaDatabase;
  replications: RxGraphQLReplicationState<unknown, unknown>[];
  idb: IDBFactory;
  name: string;
}

let server: TestServer;
const clients: Client[] = [];

async function openClient(
  name: string,
  username: string,
  idb = new IDBFactory(),
): Promise<Client> {
  const db = await createOkadaDatabase({
    name,
    storage: nodeStorage(idb),
    multiInstance: false,
  });
  const token = await login(server.url, username);
  const replications = Object.values(
    replicateOkadaGraphQL({
      database: db,
      url: server.url,
      token,
      retryTime: 300,
      waitForLeadership: false,
    }),
  ).filter((r) => r !== undefined);
  const client = { db, replications, idb, name };
  clients.push(client);
  return client;
}

async function closeClient(client: Client): Promise<void> {
  await Promise.all(client.replications.map((r) => r.cancel()));
  await client.db.close();
  clients.splice(clients.indexOf(client), 1);
}

async function inSync(client: Client): Promise<void> {
  await Promise.all(client.replications.map((r) => r.awaitInSync()));
}

function order(customerId: string, storeId: string): OrderDoc {
  const now = new Date().toISOString();
  return {
    id: newOrderId(),
    customerId,
    storeId,
    items: [{ productId: "p_dla_akwa_0003", qty: 2, unitPriceXaf: 450 }],
    totalXaf: 900,
    deliveryAddress: { text: "Rue Joss, Akwa", city: "Douala" },
    payment: { method: "mtn_momo", status: "pending" },
    status: "pending",
    statusHistory: [{ status: "pending", at: now, by: customerId }],
    createdAt: now,
    updatedAt: now,
  };
}

beforeAll(async () => {
  server = await startTestServer({ seed: true, pollTimeoutMs: 2000 });
});

afterAll(async () => {
  for (const client of [...clients]) await closeClient(client);
  await server.close();
});

describe("GraphQL replication with stock RxDB clients", () => {
  let a: Client;
  let b: Client;

  beforeAll(async () => {
    a = await openClient("client-a", "customer");
    b = await openClient("client-b", "staff");
    await Promise.all([inSync(a), inSync(b)]);
  });

  it("pulls the user's part of the demo catalog into an empty client", async () => {
    // The customer lives in Douala: six stores of 200 products each.
    expect(await a.db.stores.count().exec()).toBe(6);
    expect(await a.db.products.count().exec()).toBe(1200);
    expect(await a.db.stock.count().exec()).toBe(1200);
    expect(await a.db.riders.count().exec()).toBe(0);
    // Staff see the riders of their city.
    expect(await b.db.riders.count().exec()).toBe(6);
  });

  it("carries a write on one client to the other live", async () => {
    const product = await b.db.products.findOne("p_dla_akwa_0003").exec();
    expect(product).not.toBeNull();
    await product?.incrementalPatch({
      priceXaf: 475,
      updatedAt: new Date().toISOString(),
    });
    await waitFor(async () => {
      const seen = await a.db.products.findOne("p_dla_akwa_0003").exec();
      return seen?.priceXaf === 475;
    }, "the price change on client A");

    const created = order("customer", "st_dla_akwa");
    await a.db.orders.insert(created);
    await waitFor(
      async () => (await b.db.orders.findOne(created.id).exec()) !== null,
      "the new order on client B",
    );
  });

  it("pushes writes made while the server was down", async () => {
    await server.server.close();
    const offline = order("customer", "st_dla_akwa");
    await a.db.orders.insert(offline);
    await server.restart();
    await waitFor(
      async () => (await b.db.orders.findOne(offline.id).exec()) !== null,
      "the offline order on client B after the restart",
      20_000,
    );
    const stored = await server.server.store
      .collection("orders")
      .getMany([offline.id]);
    expect(stored.get(offline.id)?.doc["totalXaf"]).toBe(900);
  });

  it("merges a push on a stale master and returns the result", async () => {
    const token = await login(server.url, "admin");
    const builders = graphqlQueryBuilders("products");
    const pullReq = builders.pullQueryBuilder(null, 1);
    const pulled = await graphql(
      server.graphqlUrl,
      token,
      pullReq.query,
      pullReq.variables,
    );
    type Doc = ProductDoc & { _deleted: boolean };
    const m0 = (pulled.body as { data: { pullProducts: { documents: Doc[] } } })
      .data.pullProducts.documents[0];
    if (!m0) throw new Error("no product pulled");
    const send = async (assumed: Doc, next: Doc) => {
      const req = builders.pushQueryBuilder([
        { assumedMasterState: assumed, newDocumentState: next },
      ]);
      const res = await graphql(
        server.graphqlUrl,
        token,
        req.query,
        req.variables,
      );
      expect(res.status).toBe(200);
      return (res.body as { data: { pushProducts: Doc[] } }).data.pushProducts;
    };
    const t1 = new Date(Date.now() + 1000).toISOString();
    const m1 = { ...m0, name: { ...m0.name, en: "Renamed" }, updatedAt: t1 };
    expect(await send(m0, m1)).toEqual([]);
    // A second writer still holds m0 and changes the price.
    const t2 = new Date(Date.now() + 2000).toISOString();
    const mine = { ...m0, priceXaf: m0.priceXaf + 25, updatedAt: t2 };
    const conflicts = await send(m0, mine);
    expect(conflicts).toEqual([
      expect.objectContaining({
        id: m0.id,
        priceXaf: m0.priceXaf + 25,
        name: { fr: m0.name.fr, en: "Renamed" },
      }),
    ]);
    const stored = await server.server.store
      .collection("products")
      .getMany([m0.id]);
    expect(stored.get(m0.id)?.doc).toMatchObject({
      priceXaf: m0.priceXaf + 25,
      name: { en: "Renamed" },
    });
  });

  it("merges a concurrent offline edit to one state everywhere", async () => {
    const placed = order("customer", "st_dla_akwa");
    await a.db.orders.insert(placed);
    await waitFor(
      async () => (await b.db.orders.findOne(placed.id).exec()) !== null,
      "the order on the staff tablet",
    );
    for (const r of a.replications) await r.pause();
    const later = new Date(Date.now() + 1000).toISOString();
    const onB = await b.db.orders.findOne(placed.id).exec();
    await onB?.incrementalPatch({
      status: "accepted",
      statusHistory: [
        ...placed.statusHistory,
        { status: "accepted", at: later, by: "staff" },
      ],
      updatedAt: later,
    });
    await inSync(b);
    const latest = new Date(Date.now() + 2000).toISOString();
    const onA = await a.db.orders.findOne(placed.id).exec();
    await onA?.incrementalPatch({
      status: "cancelled",
      statusHistory: [
        ...placed.statusHistory,
        { status: "cancelled", at: latest, by: "customer" },
      ],
      updatedAt: latest,
    });
    for (const r of a.replications) await r.start();
    await inSync(a);
    await waitFor(async () => {
      const [x, y] = await Promise.all([
        a.db.orders.findOne(placed.id).exec(),
        b.db.orders.findOne(placed.id).exec(),
      ]);
      return (
        x?.status === "cancelled" &&
        y?.status === "cancelled" &&
        x.statusHistory.length === 3 &&
        y.statusHistory.length === 3
      );
    }, "both clients to hold the merge of both edits");
    const stored = await server.server.store
      .collection("orders")
      .getMany([placed.id]);
    // Cancelling outranks accepting; the history keeps both events.
    const doc = stored.get(placed.id)?.doc as unknown as OrderDoc;
    expect(doc.status).toBe("cancelled");
    expect(doc.statusHistory.map((e) => e.status)).toEqual([
      "pending",
      "accepted",
      "cancelled",
    ]);
  });

  it("keeps every acknowledged write across a server restart", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const o = order("customer", "st_dla_akwa");
      ids.push(o.id);
      await a.db.orders.insert(o);
    }
    await inSync(a);
    await server.restart();
    const stored = await server.server.store.collection("orders").getMany(ids);
    expect(stored.size).toBe(20);
  });
});
