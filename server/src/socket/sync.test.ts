/**
 * Pull, push and live changes over socket.io on a real, seeded server,
 * with real socket.io clients over WebSocket and over long polling.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COLLECTION_NAMES,
  type Checkpoint,
  type CollectionName,
  type CollectionPull,
  type PullReply,
  type PushReply,
  type SyncCheckpoint,
} from "@okada/sync-rules";
import {
  login,
  startTestServer,
  waitFor,
  type TestServer,
} from "@okada/test-tools";
import { connect, type TestClient, type Transport } from "./test-client.ts";
import { order, product, storedDocs } from "./test-docs.ts";

const T0b = "2024-05-01T08:01:00.000Z";
const T1 = "2024-05-01T08:05:00.000Z";

let ts: TestServer;
/** A customer: places orders, sees their own. */
let token: string;
let client: TestClient;
/** An admin reads and writes everything, whatever the read scopes. */
let admin: TestClient;

const stored = (collection: CollectionName, ids: readonly string[]) =>
  storedDocs(ts, collection, ids);

async function checkpointNow(collection: CollectionName) {
  const seq = await ts.server.store.collection(collection).currentSeq();
  return { seq: seq as Checkpoint };
}

function expectOk<R extends PullReply | PushReply>(reply: unknown): R {
  expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
  return reply as R;
}

async function pullSince(
  collection: CollectionName,
  since: SyncCheckpoint | null,
  via = client,
) {
  const reply = expectOk<PullReply>(
    await via.pull({ v: 1, checkpoints: { [collection]: since }, limit: 100 }),
  );
  return reply.collections[collection]?.documents ?? [];
}

/** A pull still answers on the socket: the customer sees their city. */
async function expectWorking(via = client) {
  expect(via.socket.connected).toBe(true);
  const stores = await pullSince("stores", null, via);
  expect(stores.length).toBeGreaterThan(0);
}

beforeAll(async () => {
  ts = await startTestServer({ seed: true });
  token = await login(ts.url, "customer");
  client = await connect(ts.url, { token });
  admin = await connect(ts.url, { token: await login(ts.url, "admin") });
});

afterAll(async () => {
  client.close();
  admin.close();
  await ts.close();
});

describe("pull", () => {
  it("answers every collection in one round trip", async () => {
    const checkpoints = Object.fromEntries(
      COLLECTION_NAMES.map((name) => [name, null]),
    );
    const reply = expectOk<PullReply>(
      await admin.pull({ v: 1, checkpoints, limit: 1000 }),
    );
    expect(Object.keys(reply.collections).sort()).toEqual(
      [...COLLECTION_NAMES].sort(),
    );
    expect(reply.collections.stores?.documents).toHaveLength(10);
    expect(reply.collections.stores?.more).toBe(false);
    expect(reply.collections.products?.documents).toHaveLength(1000);
    expect(reply.collections.products?.more).toBe(true);
  });

  it("pages a collection with `more` until it has everything", async () => {
    const ids = new Set<string>();
    let checkpoint: SyncCheckpoint | null = null;
    let more = true;
    let pages = 0;
    while (more) {
      const reply: PullReply = expectOk<PullReply>(
        await admin.pull({
          v: 1,
          checkpoints: { products: checkpoint },
          limit: 900,
        }),
      );
      const page: CollectionPull | undefined = reply.collections.products;
      if (!page) throw new Error("no products in the reply");
      for (const doc of page.documents) ids.add(doc.id);
      checkpoint = page.checkpoint;
      more = page.more;
      pages++;
    }
    expect(ids.size).toBe(2000);
    expect(pages).toBe(3);
  });
});

describe("push", () => {
  it("acknowledges a new order once stored; a pull then returns it", async () => {
    const since = await checkpointNow("orders");
    const doc = order("sock-new-order");
    const reply = await client.push({
      v: 1,
      rows: { orders: [{ newDocumentState: doc }] },
    });
    expect(reply).toEqual({
      ok: true,
      results: { orders: { conflicts: [], rejections: [] } },
    });
    expect(await stored("orders", [doc.id])).toEqual([doc]);
    expect(await pullSince("orders", since)).toEqual([doc]);
  });

  it("answers a stale assumed master with the current master", async () => {
    // v3 was made from v1 before v2 (an older recorded time), so the
    // merge keeps v2 and the client must adopt it.
    const v1 = order("sock-stale");
    const v2 = { ...order(v1.id, "Akwa, rue Joffre"), updatedAt: T1 };
    const v3 = { ...order(v1.id, "Bonapriso"), updatedAt: T0b };
    expectOk(
      await client.push({ v: 1, rows: { orders: [{ newDocumentState: v1 }] } }),
    );
    expectOk(
      await client.push({
        v: 1,
        rows: { orders: [{ assumedMasterState: v1, newDocumentState: v2 }] },
      }),
    );
    const reply = expectOk<PushReply>(
      await client.push({
        v: 1,
        rows: { orders: [{ assumedMasterState: v1, newDocumentState: v3 }] },
      }),
    );
    const [master] = await stored("orders", [v1.id]);
    expect(master).toEqual(v2);
    expect(reply.results.orders).toEqual({ conflicts: [v2], rejections: [] });
  });

  it("takes one socket's pushes in the order they were sent", async () => {
    // The first push is slow (many orders), the second quick: run side
    // by side, the second would create the order first and the first
    // would come back with it as a conflict.
    const v1 = order("sock-ordered");
    const v2 = { ...order(v1.id, "Deido"), updatedAt: T1 };
    const bulk = Array.from({ length: 300 }, (_, i) => ({
      newDocumentState: order(`sock-ordered-${i}`),
    }));
    const [first, second] = await Promise.all([
      client.push({
        v: 1,
        rows: { orders: [...bulk, { newDocumentState: v1 }] },
      }),
      client.push({
        v: 1,
        rows: { orders: [{ assumedMasterState: v1, newDocumentState: v2 }] },
      }),
    ]);
    const clean = { ok: true, results: { orders: { conflicts: [] } } };
    expect(first).toMatchObject(clean);
    expect(second).toMatchObject(clean);
    expect(await stored("orders", [v1.id])).toEqual([v2]);
  });

  it("writes rows of several collections in one round trip", async () => {
    const [store] = await stored("stores", ["st_dla_akwa"]);
    if (!store) throw new Error("the demo store is missing");
    const renamed = { ...store, name: `${String(store["name"])} (Akwa)` };
    const reply = await admin.push({
      v: 1,
      rows: {
        products: [{ newDocumentState: product("sock-multi-product") }],
        stores: [{ assumedMasterState: store, newDocumentState: renamed }],
      },
    });
    expect(reply).toEqual({
      ok: true,
      results: {
        products: { conflicts: [], rejections: [] },
        stores: { conflicts: [], rejections: [] },
      },
    });
    expect(await stored("products", ["sock-multi-product"])).toHaveLength(1);
    expect(await stored("stores", [store.id])).toEqual([renamed]);
  });
});

describe.each<Transport>(["websocket", "polling"])("over %s", (transport) => {
  let writer: TestClient;
  let reader: TestClient;

  beforeAll(async () => {
    const transports = [transport];
    writer = await connect(ts.url, { token, transports });
    reader = await connect(ts.url, { token, transports });
  });

  afterAll(() => {
    writer.close();
    reader.close();
  });

  it("pulls, pushes, and delivers live changes to another client", async () => {
    expect(reader.socket.io.engine.transport.name).toBe(transport);
    await expectWorking(reader);
    const doc = order(`sock-live-${transport}`);
    expectOk(
      await writer.push({
        v: 1,
        rows: { orders: [{ newDocumentState: doc }] },
      }),
    );
    const carrying = () =>
      reader.changes.find(
        (c) =>
          c.collection === "orders" && c.documents.some((d) => d.id === doc.id),
      );
    await waitFor(() => carrying() !== undefined, `${doc.id} live`, 5000);
    const event = carrying();
    expect(event?.checkpoint.seq).toEqual(expect.any(String));
    expect(event?.documents.find((d) => d.id === doc.id)).toEqual(doc);
  });
});
