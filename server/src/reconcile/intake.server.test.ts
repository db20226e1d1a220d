/**
 * Order intake on a real seeded server, through real pushes: customers
 * order while offline, against a shelf and a catalogue that moved
 * meanwhile; what the store holds afterwards and what each person's pull
 * shows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WireDoc } from "@okada/sync-rules";
import type { TestServer } from "@okada/test-tools";
import type { Device, TestClock } from "./scenario-support.ts";
import {
  activeProducts,
  startScenario,
  type Scenario,
  decided,
  intakeOf,
  newOrder,
  step,
  stored,
  until,
} from "./scenario-support.ts";

const STORE_ID = "st_dla_akwa";
let world: Scenario;
let clock: TestClock;
let ts: TestServer;
let staff: Device;
let customer: Device;
let customer2: Device;
let rider: Device;
let catalogue: WireDoc[] = [];

beforeAll(async () => {
  world = await startScenario();
  ({ ts, clock } = world);
  [staff, customer, customer2, rider] = await world.connect(
    "staff",
    "customer",
    "customer2",
    "rider",
  );
  catalogue = await activeProducts(staff, STORE_ID);
  await staff.pull("stock");
  await staff.pull("stores");
}, 120_000);

afterAll(() => world.stop());

/** A product of its own for each story, with `onHand` counted by staff. */
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

async function stockOf(stockId: string) {
  return (await stored(ts.server.store, "stock", stockId)).doc;
}

function orderFor(
  who: string,
  productId: string,
  qty: number,
  unitPriceXaf: number,
): WireDoc {
  const line = { productId, qty, unitPriceXaf };
  return newOrder(who, STORE_ID, [line], clock.tick());
}

describe("two customers offline order the last units", () => {
  it.each([
    { name: "3 left, both want 3", onHand: 3, a: 3, b: 3, confirmed: 1 },
    { name: "3 left, both want 2", onHand: 3, a: 2, b: 2, confirmed: 1 },
    { name: "4 left, both want 2", onHand: 4, a: 2, b: 2, confirmed: 2 },
  ])("$name", async (row) => {
    const item = await shelf(row.onHand);
    // Both phones saw the shelf, lost the network and ordered.
    const mine = customer.write(
      "orders",
      orderFor("customer", item.id, row.a, item.price),
    );
    const theirs = customer2.write(
      "orders",
      orderFor("customer2", item.id, row.b, item.price),
    );
    // Back online at the same moment.
    const replies = await Promise.all([customer.sync(), customer2.sync()]);
    expect(replies.flatMap((r) => r.rejections)).toEqual([]);

    const orders = await Promise.all(
      [mine, theirs].map((o) => decided(ts.server.store, o.id)),
    );
    const accepted = orders.filter(
      (o) => intakeOf(o)?.["outcome"] === "confirmed",
    );
    const refused = orders.filter((o) => o["status"] === "rejected");
    expect(accepted).toHaveLength(row.confirmed);
    expect(refused).toHaveLength(2 - row.confirmed);
    for (const order of refused) {
      expect(intakeOf(order)).toMatchObject({
        outcome: "rejected",
        reason: "OUT_OF_STOCK",
        productIds: [item.id],
        stock: "none",
      });
      expect(order["rejectionReason"]).toMatch(/^Not enough in stock/);
    }
    for (const order of accepted) expect(order["status"]).toBe("pending");

    const units = accepted.reduce(
      (sum, o) => sum + (o["items"] as { qty: number }[])[0].qty,
      0,
    );
    const level = await stockOf(item.stockId);
    expect(level).toMatchObject({ onHand: row.onHand, reserved: units });
    expect(level["reservations"]).toEqual(
      accepted
        .map((o) => ({ orderId: o.id, qty: units / accepted.length }))
        .sort((x, y) => (x.orderId < y.orderId ? -1 : 1)),
    );

    // Each customer sees their own order and its outcome, not the other.
    const [seenByMe, seenByThem, seenByStaff] = await Promise.all([
      customer.pull("orders"),
      customer2.pull("orders"),
      staff.pull("orders"),
    ]);
    expect(seenByMe.get(mine.id)).toEqual(orders[0]);
    expect(seenByMe.has(theirs.id)).toBe(false);
    expect(seenByThem.get(theirs.id)).toEqual(orders[1]);
    expect(seenByStaff.get(mine.id)).toEqual(orders[0]);
    expect(seenByStaff.get(theirs.id)).toEqual(orders[1]);
    const shelfSeen = (await staff.pull("stock")).get(item.stockId);
    expect(shelfSeen).toMatchObject({ reserved: units });
  });
});

describe("prices that moved while the customer was offline", () => {
  it.each([
    {
      name: "a small rise is honoured",
      newPrice: (p: number) => p + 100,
      outcome: "confirmed",
      honoured: true,
    },
    {
      name: "a cut keeps the customer's total",
      newPrice: (p: number) => Math.floor(p * 0.9),
      outcome: "confirmed",
      honoured: true,
    },
    {
      name: "a big rise waits for the customer",
      newPrice: (p: number) => p + Math.max(600, Math.ceil(p * 0.2)),
      outcome: "needs_confirmation",
      honoured: false,
    },
  ])("$name", async (row) => {
    const item = await shelf(10);
    const current = row.newPrice(item.price);
    staff.edit("products", item.id, (p) => ({
      ...p,
      priceXaf: current,
      updatedAt: clock.tick(),
    }));
    expect((await staff.sync()).rejections).toEqual([]);
    // The customer's phone still shows the old price.
    const order = customer.write(
      "orders",
      orderFor("customer", item.id, 1, item.price),
    );
    await customer.sync();

    const seen = await decided(ts.server.store, order.id);
    const adjustment = {
      productId: item.id,
      orderedXaf: item.price,
      currentXaf: current,
      honoured: row.honoured,
    };
    expect(seen).toMatchObject({
      status: "pending",
      totalXaf: item.price,
      intake: { outcome: row.outcome, adjustments: [adjustment] },
    });
    const held = row.outcome === "confirmed" ? 1 : 0;
    expect(await stockOf(item.stockId)).toMatchObject({ reserved: held });
    if (row.outcome === "confirmed") return;

    // The customer reads why, and accepts the new price by re-pricing.
    expect((await customer.pull("orders")).get(order.id)).toMatchObject({
      intake: { reason: "PRICE_CHANGED", productIds: [item.id] },
    });
    customer.edit("orders", order.id, (o) => ({
      ...o,
      items: [{ productId: item.id, qty: 1, unitPriceXaf: current }],
      totalXaf: current,
      updatedAt: clock.tick(),
    }));
    expect((await customer.sync()).rejections).toEqual([]);
    const confirmed = await decided(ts.server.store, order.id, "confirmed");
    expect(confirmed).toMatchObject({ totalXaf: current, status: "pending" });
    expect(intakeOf(confirmed)).not.toHaveProperty("adjustments");
    expect(await stockOf(item.stockId)).toMatchObject({ reserved: 1 });
  });
});

describe("a store that changed while the customer was offline", () => {
  it.each([
    {
      name: "switched off for the day",
      change: (s: WireDoc) => ({ ...s, open: false }),
      reason: "STORE_CLOSED",
    },
    {
      name: "closing early (hours end before noon)",
      change: (s: WireDoc) => ({
        ...s,
        hours: { opens: "07:00", closes: "11:30" },
      }),
      reason: "STORE_CLOSED",
    },
  ])("$name: rejected $reason", async (row) => {
    const item = await shelf(10);
    const before = staff.local("stores", STORE_ID);
    staff.edit("stores", STORE_ID, (s) => ({
      ...row.change(s),
      updatedAt: clock.tick(),
    }));
    await staff.sync();
    try {
      const order = customer.write(
        "orders",
        orderFor("customer", item.id, 1, item.price),
      );
      await customer.sync();
      const seen = await decided(ts.server.store, order.id, "rejected");
      expect(seen).toMatchObject({
        status: "rejected",
        intake: { reason: row.reason },
      });
      expect(await stockOf(item.stockId)).toMatchObject({ reserved: 0 });
      const mine = (await customer.pull("orders")).get(order.id);
      expect(mine?.["rejectionReason"]).toMatch(/closed/);
    } finally {
      staff.edit("stores", STORE_ID, (s) => ({
        ...s,
        open: before["open"],
        hours: before["hours"],
        updatedAt: clock.tick(),
      }));
      await staff.sync();
    }
  });

  it("a product switched off: rejected PRODUCT_UNAVAILABLE", async () => {
    const kept = await shelf(10);
    const gone = await shelf(10);
    staff.edit("products", gone.id, (p) => ({
      ...p,
      active: false,
      updatedAt: clock.tick(),
    }));
    await staff.sync();
    const order = customer.write(
      "orders",
      newOrder(
        "customer",
        STORE_ID,
        [
          { productId: kept.id, qty: 1, unitPriceXaf: kept.price },
          { productId: gone.id, qty: 1, unitPriceXaf: gone.price },
        ],
        clock.tick(),
      ),
    );
    await customer.sync();
    const seen = await decided(ts.server.store, order.id, "rejected");
    expect(intakeOf(seen)).toMatchObject({
      reason: "PRODUCT_UNAVAILABLE",
      productIds: [gone.id],
    });
    // All or nothing: the product still on sale holds nothing either.
    expect(await stockOf(kept.stockId)).toMatchObject({ reserved: 0 });
  });
});

describe("what becomes of held units", () => {
  it("a cancellation puts them back on sale", async () => {
    const item = await shelf(5);
    const order = customer.write(
      "orders",
      orderFor("customer", item.id, 2, item.price),
    );
    await customer.sync();
    await decided(ts.server.store, order.id, "confirmed");
    expect(await stockOf(item.stockId)).toMatchObject({ reserved: 2 });

    customer.edit(
      "orders",
      order.id,
      step("customer", "cancelled", clock.tick()),
    );
    expect((await customer.sync()).rejections).toEqual([]);
    const seen = await until(
      ts.server.store,
      "orders",
      order.id,
      (o) => intakeOf(o)?.["stock"] === "released",
      "the units released",
    );
    expect(seen["status"]).toBe("cancelled");
    const level = await stockOf(item.stockId);
    expect(level).toMatchObject({ onHand: 5, reserved: 0 });
    expect(level).not.toHaveProperty("reservations");
  });

  it("a delivery takes them off the shelf, once", async () => {
    const item = await shelf(5);
    const order = customer.write(
      "orders",
      orderFor("customer", item.id, 2, item.price),
    );
    await customer.sync();
    await decided(ts.server.store, order.id, "confirmed");
    await staff.pull("orders");
    for (const status of ["accepted", "preparing", "ready"] as const) {
      const extra = status === "accepted" ? { riderId: "rd_dla_01" } : {};
      staff.edit(
        "orders",
        order.id,
        step("staff", status, clock.tick(), extra),
      );
      expect((await staff.sync()).rejections).toEqual([]);
    }
    const ready = (await rider.pull("orders")).get(order.id);
    rider.edit("orders", order.id, step("rider", "picked_up", clock.tick()));
    const done = rider.edit(
      "orders",
      order.id,
      step("rider", "delivered", clock.tick()),
    );
    expect((await rider.sync()).rejections).toEqual([]);

    const seen = await until(
      ts.server.store,
      "orders",
      order.id,
      (o) => intakeOf(o)?.["stock"] === "deducted",
      "the units deducted",
    );
    expect(seen["status"]).toBe("delivered");
    const level = await stockOf(item.stockId);
    expect(level).toMatchObject({ onHand: 3, reserved: 0 });
    expect(level["deductedOrders"]).toEqual([order.id]);
    // The rider's phone lost the answer and pushes the same row again.
    const replay = await rider.push("orders", [
      { assumedMasterState: ready ?? null, newDocumentState: done },
    ]);
    expect(replay.rejections).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await stockOf(item.stockId)).toMatchObject({ onHand: 3 });
  });
});
