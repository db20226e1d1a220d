/**
 * The durable outbox: writes are stored before `insert()` resolves,
 * survive a client that is killed before or during a push, and reach
 * the server exactly once when the client comes back on the same
 * storage.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLinkProxy,
  startTestServer,
  waitFor,
  type LinkProxy,
  type TestServer,
} from "@okada/test-tools";
import {
  newOrder,
  openTestClient,
  settled,
  type OpenOptions,
  type TestClient,
} from "./e2e-support.ts";

let server: TestServer;
let link: LinkProxy;
const open: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ seed: true, pollTimeoutMs: 2000 });
  link = await startLinkProxy({
    target: { host: "127.0.0.1", port: server.server.port },
    profile: null,
  });
});

afterAll(async () => {
  for (const client of open) await client.db.close();
  await link.close();
  await server.close();
});

async function start(
  options: Omit<OpenOptions, "link" | "serverUrl">,
): Promise<TestClient> {
  const client = await openTestClient({
    link,
    serverUrl: server.url,
    ...options,
  });
  open.push(client);
  return client;
}

/** Ends a client the hard way: no waiting for sync, storage kept. */
async function kill(client: TestClient): Promise<void> {
  open.splice(open.indexOf(client), 1);
  await client.db.close();
  expect(client.contradictions).toEqual([]);
}

describe("the outbox", () => {
  it("holds a write the moment insert() resolves, across a restart", async () => {
    link.blackhole(true);
    const first = await start({
      username: "customer",
      name: "outbox-stored",
      options: { collections: ["orders"] },
    });
    const order = newOrder("customer");
    await first.db.orders.insert(order);
    await kill(first);
    link.blackhole(false);

    const again = await start({
      username: "customer",
      name: "outbox-stored",
      idb: first.idb,
      options: { collections: ["orders"], autoStart: false },
    });
    expect(await again.db.orders.findOne(order.id).exec()).not.toBeNull();
    await again.sync.start();
    await settled(again);
    const stored = await server.server.store
      .collection("orders")
      .getMany([order.id]);
    expect(stored.get(order.id)?.doc["totalXaf"]).toBe(900);
    await kill(again);
  });

  // Killed while the push is on the wire: socket.io drops an event that
  // arrives together with the client's disconnect, so the server never
  // applies it. Killed while the push is in flight on a slow link: the
  // server applies it and its answer finds no one.
  const faults = [
    { name: "before the server got it", fault: "blackhole", applied: false },
    { name: "after the server applied it", fault: "latency", applied: true },
  ] as const;

  it.each(faults)(
    "loses nothing and duplicates nothing when killed mid-push, $name",
    async ({ fault, applied }) => {
      const tag = `outbox-${fault}`;
      const opened = await Promise.all([
        start({ username: "customer", name: `${tag}-c`, options: ORDERS }),
        start({ username: "staff", name: `${tag}-s`, options: STOCK }),
      ]);
      const [customer, staff] = opened;
      await Promise.all(opened.map((c) => settled(c)));
      const stockIds = (await staff.db.stock.find({ limit: 3 }).exec()).map(
        (d) => d.id,
      );
      const before = await onHandOnServer(stockIds);

      if (fault === "blackhole") link.blackhole(true);
      else link.setProfile({ rttMs: 3_000 });
      const orders = Array.from({ length: 20 }, () => newOrder("customer"));
      await customer.db.orders.bulkInsert(orders);
      for (const id of stockIds) {
        const doc = await staff.db.stock.findOne(id).exec();
        await doc?.incrementalModify((d) => ({ ...d, onHand: d.onHand - 2 }));
      }
      // Give the coalescer time to put the pushes on the wire.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(customer.sync.status.pendingWrites.orders).toBe(20);
      expect(staff.sync.status.pendingWrites.stock).toBe(3);
      await Promise.all(opened.map((c) => kill(c)));
      link.blackhole(false);
      link.setProfile(null);
      const ids = orders.map((o) => o.id);
      if (applied) {
        await waitFor(
          async () => (await ordersOnServer(ids)) === 20,
          "the push in flight to be applied",
        );
      } else {
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await ordersOnServer(ids)).toBe(0);
      }

      const reopened = await Promise.all([
        start({
          username: "customer",
          name: `${tag}-c`,
          options: ORDERS,
          idb: customer.idb,
        }),
        start({
          username: "staff",
          name: `${tag}-s`,
          options: STOCK,
          idb: staff.idb,
        }),
      ]);
      const [customer2, staff2] = reopened;
      await Promise.all(reopened.map((c) => settled(c)));
      expect(customer2.sync.status.pendingTotal).toBe(0);
      expect(staff2.sync.status.pendingTotal).toBe(0);
      expect(await ordersOnServer(ids)).toBe(20);
      const mine = await customer2.db.orders.findByIds(ids).exec();
      expect(mine.size).toBe(20);
      // Each adjustment is applied once, whether replayed or not.
      const after = await onHandOnServer(stockIds);
      for (const id of stockIds) {
        expect(after.get(id)).toBe((before.get(id) ?? 0) - 2);
        const local = await staff2.db.stock.findOne(id).exec();
        expect(local?.onHand).toBe(after.get(id));
      }
      await Promise.all(reopened.map((c) => kill(c)));
    },
  );
});

const ORDERS = { collections: ["orders"] } as const;
const STOCK = { collections: ["stock"] } as const;

async function ordersOnServer(ids: string[]): Promise<number> {
  return (await server.server.store.collection("orders").getMany(ids)).size;
}

async function onHandOnServer(ids: string[]): Promise<Map<string, number>> {
  const stored = await server.server.store.collection("stock").getMany(ids);
  return new Map(
    [...stored].map(([id, current]) => [id, Number(current.doc["onHand"])]),
  );
}
