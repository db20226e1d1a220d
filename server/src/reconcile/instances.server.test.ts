/**
 * Two server instances on one store, both running order intake: a second
 * `startServer` points at the first one's embedded store with the same
 * prefix. Customers on either server race for the same shelf; every
 * order is decided exactly once, and the holds add up.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WireDoc } from "@okada/sync-rules";
import { startTestServer, waitFor, type TestServer } from "@okada/test-tools";
import { startServer, type RunningServer } from "../server.ts";
import {
  DEFAULT_RECONCILE_SETTINGS,
  startReconciler,
  type Reconciler,
} from "./index.ts";
import {
  Device,
  TestClock,
  addAccounts,
  decided,
  intakeOf,
  newOrder,
  stored,
} from "./scenario-support.ts";

const STORE_ID = "st_dla_akwa";
const clock = new TestClock();
let ts: TestServer;
let first: Reconciler;
let second: RunningServer;
let secondDir = "";
let staff: Device;
const customers: Device[] = [];
let catalogue: WireDoc[] = [];

beforeAll(async () => {
  ts = await startTestServer({ seed: true, pollTimeoutMs: 1000 });
  await addAccounts(ts.server.store);
  const feed = { pollTimeoutMs: 1000, retryMinMs: 50, retryMaxMs: 300 };
  first = startReconciler({
    store: ts.server.store,
    now: clock.now,
    instanceId: "one",
    settings: { riderUnreachableMinutes: 0 },
    feed,
  });
  const couchdbUrl = ts.server.embedded?.url;
  if (couchdbUrl === undefined) throw new Error("an embedded store");
  secondDir = await mkdtemp(join(tmpdir(), "okada-second-"));
  second = await startServer(
    {
      port: 0,
      host: "127.0.0.1",
      couchdbUrl,
      dbPrefix: "okada_",
      dataDir: secondDir,
      jwtSecret: "test-secret-not-for-production",
      logLevel: "silent",
      seedDemoData: false,
      reconcile: { ...DEFAULT_RECONCILE_SETTINGS, riderUnreachableMinutes: 0 },
    },
    {
      logger: pino({ level: "silent" }),
      feed,
      reconcile: { now: clock.now, instanceId: "two" },
    },
  );
  staff = await new Device(ts.url, "staff").connect();
  // The two customers use one server each.
  customers.push(await new Device(ts.url, "customer").connect());
  customers.push(await new Device(second.url, "customer2").connect());
  const products = await staff.pull("products");
  await staff.pull("stock");
  catalogue = [...products.values()]
    .filter((p) => p["storeId"] === STORE_ID && p["active"] === true)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}, 120_000);

afterAll(async () => {
  await first.stop();
  await second.close();
  await ts.close();
  await rm(secondDir, { recursive: true, force: true });
});

async function shelf(onHand: number) {
  const product = catalogue.shift();
  if (product === undefined) throw new Error("out of demo products");
  const stockId = `${STORE_ID}:${product.id}`;
  staff.edit("stock", stockId, (s) => ({
    ...s,
    onHand,
    updatedAt: clock.tick(),
  }));
  expect((await staff.sync()).rejections).toEqual([]);
  return { id: product.id, price: Number(product["priceXaf"]), stockId };
}

function decidedCount(): number {
  const two = second.reconciler?.stats().decided ?? 0;
  return first.stats().decided + two;
}

describe("two server instances on one store", () => {
  it("both run intake; the second was started by startServer", () => {
    expect(second.reconciler?.instanceId).toBe("two");
    expect(first.instanceId).toBe("one");
  });

  it.each([
    {
      name: "8 orders of 1 race for 5 units",
      shelves: [5],
      orders: 8,
      confirmed: 5,
    },
    {
      name: "6 orders of 1 + 1 race for 3 and 2 units, all or nothing",
      shelves: [3, 2],
      orders: 6,
      confirmed: 2,
    },
  ])("$name", async (row) => {
    const items = await Promise.all(row.shelves.map((n) => shelf(n)));
    const before = decidedCount();
    const placed: WireDoc[] = [];
    for (let i = 0; i < row.orders; i++) {
      const device = customers[i % 2];
      const lines = items.map((item) => ({
        productId: item.id,
        qty: 1,
        unitPriceXaf: item.price,
      }));
      placed.push(
        device.write(
          "orders",
          newOrder(device.username, STORE_ID, lines, clock.tick()),
        ),
      );
    }
    // Both customers come back online at once, one on each server.
    await Promise.all(customers.map((c) => c.sync()));

    const orders = await Promise.all(
      placed.map((o) => decided(ts.server.store, o.id)),
    );
    const confirmed = orders.filter(
      (o) => intakeOf(o)?.["outcome"] === "confirmed",
    );
    expect(confirmed).toHaveLength(row.confirmed);
    for (const o of orders) {
      if (o["status"] === "rejected") {
        expect(intakeOf(o)).toMatchObject({ reason: "OUT_OF_STOCK" });
      }
    }
    // Exactly one decision per order: created, then decided once.
    const revs = await Promise.all(
      placed.map(
        async (o) => (await stored(ts.server.store, "orders", o.id)).rev,
      ),
    );
    expect(revs.every((rev) => rev.startsWith("2-"))).toBe(true);
    await waitFor(
      () => decidedCount() - before === row.orders,
      "each decision counted once",
    );

    // The holds are exactly the confirmed orders', on every product.
    const ids = confirmed.map((o) => o.id).sort();
    for (const item of items) {
      await waitFor(async () => {
        const level = (await stored(ts.server.store, "stock", item.stockId))
          .doc;
        const holds = (level["reservations"] ?? []) as { orderId: string }[];
        return (
          level["reserved"] === row.confirmed &&
          holds.map((h) => h.orderId).join() === ids.join()
        );
      }, `the holds on ${item.id}`);
    }
    // Both servers answer the same for the staff.
    const onSecond = await new Device(second.url, "staff").connect();
    const [a, b] = await Promise.all([
      staff.pull("orders"),
      onSecond.pull("orders"),
    ]);
    for (const o of orders) {
      expect(a.get(o.id)).toEqual(o);
      expect(b.get(o.id)).toEqual(o);
    }
  });

  it("share one checkpoint in the server database", async () => {
    const saved = await ts.server.store.meta().get("checkpoint:order-intake");
    expect(saved?.value).toMatchObject({ seq: expect.any(String) });
    expect(["one", "two"]).toContain(saved?.value["by"]);
  });
});
