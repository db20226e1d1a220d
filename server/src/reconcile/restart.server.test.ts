/**
 * Intake across restarts and store outages, on a real seeded server: a
 * crash between holding the units and recording the decision, orders
 * that arrive while no processor runs, and the store going away under a
 * running processor. The checkpoint lives in the store, so a new
 * processor resumes where the last one stopped, and nothing is reserved
 * twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WireDoc } from "@okada/sync-rules";
import { startTestServer, waitFor, type TestServer } from "@okada/test-tools";
import { INTAKE_CHECKPOINT_ID } from "./reconciler.ts";
import { startReconciler, type IntakeHooks, type Reconciler } from "./index.ts";
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
let customer: Device;
let catalogue: WireDoc[] = [];

function start(hooks?: IntakeHooks): Reconciler {
  return startReconciler({
    store: ts.server.store,
    now: clock.now,
    settings: { riderUnreachableMinutes: 0 },
    feed: { pollTimeoutMs: 1000, retryMinMs: 50, retryMaxMs: 300 },
    ...(hooks ? { hooks } : {}),
  });
}

beforeAll(async () => {
  ts = await startTestServer({ seed: true, pollTimeoutMs: 1000 });
  await addAccounts(ts.server.store);
  customer = await new Device(ts.url, "customer").connect();
  const staff = await new Device(ts.url, "staff").connect();
  const products = await staff.pull("products");
  const stock = await staff.pull("stock");
  catalogue = [...products.values()]
    .filter(
      (p) =>
        p["storeId"] === STORE_ID &&
        p["active"] === true &&
        Number(stock.get(`${STORE_ID}:${p.id}`)?.["onHand"]) >= 5,
    )
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}, 120_000);

afterAll(async () => {
  await ts.close();
});

/** A customer's order for 2 units of a product of its own. */
function order(): { id: string; stockId: string; doc: WireDoc } {
  const product = catalogue.shift();
  if (product === undefined) throw new Error("out of demo products");
  const line = {
    productId: product.id,
    qty: 2,
    unitPriceXaf: Number(product["priceXaf"]),
  };
  const doc = newOrder("customer", STORE_ID, [line], clock.tick());
  return { id: doc.id, stockId: `${STORE_ID}:${product.id}`, doc };
}

async function place(...orders: { doc: WireDoc }[]): Promise<void> {
  for (const o of orders) customer.write("orders", o.doc);
  expect((await customer.sync()).rejections).toEqual([]);
}

async function revOf(id: string): Promise<string> {
  return (await stored(ts.server.store, "orders", id)).rev;
}

async function holdsOf(stockId: string): Promise<unknown> {
  const doc = (await stored(ts.server.store, "stock", stockId)).doc;
  return { reserved: doc["reserved"], reservations: doc["reservations"] };
}

async function checkpointSaved(): Promise<void> {
  await waitFor(
    async () =>
      (await ts.server.store.meta().get(INTAKE_CHECKPOINT_ID)) !== undefined,
    "the intake checkpoint",
  );
}

describe("intake across restarts", () => {
  type Placed = ReturnType<typeof order>;
  let first: Placed;
  let victim: Placed;
  let later: Placed[];
  beforeAll(() => {
    [first, victim, ...later] = [order(), order(), order(), order()];
  });

  it("resumes after a crash between holding and recording, holding once", async () => {
    let crashed = false;
    const reconciler = start({
      afterHold: async (id) => {
        if (id !== victim.id || crashed) return;
        crashed = true;
        // The store vanishes: the decision is never recorded.
        await ts.server.embedded?.stop();
      },
    });
    await place(first);
    await decided(ts.server.store, first.id, "confirmed");
    await checkpointSaved();
    const firstRev = await revOf(first.id);
    expect(firstRev).toMatch(/^2-/);

    await place(victim);
    await waitFor(() => crashed, "the crash after holding");
    await reconciler.stop();
    await ts.restart();

    // The units are held, the order knows nothing of it.
    const orphan = (await stored(ts.server.store, "orders", victim.id)).doc;
    expect(intakeOf(orphan)).toBeUndefined();
    expect(await holdsOf(victim.stockId)).toEqual({
      reserved: 2,
      reservations: [{ orderId: victim.id, qty: 2 }],
    });

    const resumed = start();
    try {
      await decided(ts.server.store, victim.id, "confirmed");
      expect(await revOf(victim.id)).toMatch(/^2-/);
      expect(await holdsOf(victim.stockId)).toEqual({
        reserved: 2,
        reservations: [{ orderId: victim.id, qty: 2 }],
      });
      // The first order, before the checkpoint, was not decided again.
      expect(await revOf(first.id)).toBe(firstRev);
      expect(await holdsOf(first.stockId)).toEqual({
        reserved: 2,
        reservations: [{ orderId: first.id, qty: 2 }],
      });
      expect(resumed.stats()).toMatchObject({ decided: 1 });
    } finally {
      await resumed.stop();
    }
  });

  it("decides orders that arrived while no processor ran", async () => {
    const before = await Promise.all([first, victim].map((o) => revOf(o.id)));
    await place(...later);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const o of later) {
      const doc = (await stored(ts.server.store, "orders", o.id)).doc;
      expect(intakeOf(doc)).toBeUndefined();
    }
    await ts.restart();
    const reconciler = start();
    try {
      for (const o of later) {
        await decided(ts.server.store, o.id, "confirmed");
        expect(await revOf(o.id)).toMatch(/^2-/);
        expect(await holdsOf(o.stockId)).toEqual({
          reserved: 2,
          reservations: [{ orderId: o.id, qty: 2 }],
        });
      }
      expect(reconciler.stats()).toMatchObject({ decided: 2 });
      const after = await Promise.all([first, victim].map((o) => revOf(o.id)));
      expect(after).toEqual(before);
    } finally {
      await reconciler.stop();
    }
  });
});

describe("the store goes away under a running processor", () => {
  it("waits, then decides what arrives once the store is back", async () => {
    const reconciler = start();
    try {
      const embedded = ts.server.embedded;
      if (embedded === undefined) throw new Error("an embedded store");
      await embedded.stop();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await embedded.start();
      const next = order();
      await place(next);
      await decided(ts.server.store, next.id, "confirmed");
      expect(await holdsOf(next.stockId)).toEqual({
        reserved: 2,
        reservations: [{ orderId: next.id, qty: 2 }],
      });
    } finally {
      await reconciler.stop();
    }
  });

  it("stops promptly while the store is down", async () => {
    const reconciler = start();
    const embedded = ts.server.embedded;
    if (embedded === undefined) throw new Error("an embedded store");
    await new Promise((resolve) => setTimeout(resolve, 200));
    await embedded.stop();
    const started = performance.now();
    await reconciler.stop();
    expect(performance.now() - started).toBeLessThan(2_000);
    await embedded.start();
  });
});
