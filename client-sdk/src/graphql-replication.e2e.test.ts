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

  it("pulls the whole demo catalog into an empty client", async () => {
    expect(await a.db.products.count().exec()).toBe(2000);
    expect(await a.db.stock.count().exec()).toBe(2000);
    expect(await a.db.stores.count().exec()).toBe(10);
    expect(await b.db.riders.count().exec()).toBe(12);
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

  it("answers a push on a stale master with the master", async () => {
    const token = await login(server.url, "admin");
    const builders = graphqlQueryBuilders("products");
    const pulled = await graphql(
      server.graphqlUrl,
      token,
      builders.pullQueryBuilder(null, 1).query,
      builders.pullQueryBuilder(null, 1).variables,
    );
    const master = (
      pulled.body as {
        data: {
          pullProducts: { documents: (ProductDoc & { _deleted: boolean })[] };
        };
      }
    ).data.pullProducts.documents[0];
    if (!master) throw new Error("no product pulled");
    const stale = { ...master, priceXaf: master.priceXaf + 1 };
    const mine = { ...master, priceXaf: master.priceXaf + 2 };
    const request = builders.pushQueryBuilder([
      { assumedMasterState: stale, newDocumentState: mine },
    ]);
    const pushed = await graphql(
      server.graphqlUrl,
      token,
      request.query,
      request.variables,
    );
    expect(pushed.status).toBe(200);
    const conflicts = (pushed.body as { data: { pushProducts: unknown[] } })
      .data.pushProducts;
    expect(conflicts).toEqual([
      expect.objectContaining({ id: master.id, priceXaf: master.priceXaf }),
    ]);
    const stored = await server.server.store
      .collection("products")
      .getMany([master.id]);
    expect(stored.get(master.id)?.doc["priceXaf"]).toBe(master.priceXaf);
  });

  it("resolves a concurrent offline edit to one state on both clients", async () => {
    const id = "p_dla_akwa_0005";
    await Promise.all([inSync(a), inSync(b)]);
    for (const r of a.replications) await r.pause();
    const stamp = new Date().toISOString();
    const onA = await a.db.products.findOne(id).exec();
    await onA?.incrementalPatch({ priceXaf: 1111, updatedAt: stamp });
    const onB = await b.db.products.findOne(id).exec();
    await onB?.incrementalPatch({ priceXaf: 2222, updatedAt: stamp });
    await inSync(b);
    for (const r of a.replications) await r.start();
    await inSync(a);
    await waitFor(async () => {
      const [x, y] = await Promise.all([
        a.db.products.findOne(id).exec(),
        b.db.products.findOne(id).exec(),
      ]);
      return x?.priceXaf !== undefined && x.priceXaf === y?.priceXaf;
    }, "both clients to agree on the price");
    const stored = await server.server.store
      .collection("products")
      .getMany([id]);
    const final = (await a.db.products.findOne(id).exec())?.priceXaf;
    expect(stored.get(id)?.doc["priceXaf"]).toBe(final);
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
