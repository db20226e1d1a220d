/**
 * Rider updates that arrive late and out of order, on a real seeded
 * server through real pushes: a delivery made offline while the store
 * cancelled, location fixes queued during an outage, and the state
 * machine holding against stale and unauthorised writes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WireDoc } from "@okada/sync-rules";
import type { TestServer } from "@okada/test-tools";
import type { TestClock } from "./scenario-support.ts";
import {
  Device,
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
let rider: Device;
let rider2: Device;
let catalogue: WireDoc[] = [];

beforeAll(async () => {
  // Dispatch is exercised in dispatch.server.test.ts.
  world = await startScenario({ riderUnreachableMinutes: 0 });
  ({ ts, clock } = world);
  [staff, customer, rider, rider2] = await world.connect(
    "staff",
    "customer",
    "rider",
    "rider2",
  );
  catalogue = await activeProducts(staff, STORE_ID);
  await staff.pull("stock");
}, 120_000);

afterAll(() => world.stop());

/** A confirmed order for 2 of a product with 5 on the shelf. */
async function placed() {
  const product = catalogue.shift();
  if (product === undefined) throw new Error("out of demo products");
  const stockId = `${STORE_ID}:${product.id}`;
  staff.edit("stock", stockId, (s) => ({
    ...s,
    onHand: 5,
    updatedAt: clock.tick(),
  }));
  await staff.sync();
  const line = {
    productId: product.id,
    qty: 2,
    unitPriceXaf: Number(product["priceXaf"]),
  };
  const order = customer.write(
    "orders",
    newOrder("customer", STORE_ID, [line], clock.tick()),
  );
  await customer.sync();
  await decided(ts.server.store, order.id, "confirmed");
  return { id: order.id, stockId };
}

/** Staff move the order on, assigning `riderId` when they accept. */
async function staffMove(
  id: string,
  statuses: readonly ("accepted" | "preparing" | "ready")[],
  riderId = "rd_dla_01",
) {
  await staff.pull("orders");
  for (const status of statuses) {
    const extra = status === "accepted" ? { riderId } : {};
    staff.edit("orders", id, step("staff", status, clock.tick(), extra));
    expect((await staff.sync()).rejections).toEqual([]);
  }
}

function statuses(doc: WireDoc | undefined): string[] {
  return ((doc?.["statusHistory"] ?? []) as { status: string }[]).map(
    (e) => e.status,
  );
}

function times(doc: WireDoc): string[] {
  return (doc["statusHistory"] as { at: string }[]).map((e) => e.at);
}

describe("a rider delivers offline while the store cancels", () => {
  it.each([
    {
      name: "the cancel arrives first, recorded before the delivery",
      cancelAt: 1,
      deliverAt: 2,
      first: "staff",
      history: ["cancelled", "delivered"],
    },
    {
      name: "the cancel arrives first, recorded after the delivery",
      cancelAt: 2,
      deliverAt: 1,
      first: "staff",
      history: ["delivered", "cancelled"],
    },
    {
      name: "the delivery arrives first",
      cancelAt: 1,
      deliverAt: 2,
      first: "rider",
      history: ["cancelled", "delivered"],
    },
  ])("$name", async (row) => {
    const order = await placed();
    await staffMove(order.id, ["accepted", "preparing"]);
    // A second tablet at the counter saw the order preparing, then lost
    // the network.
    const tablet = await new Device(ts.url, "staff").connect();
    await tablet.pull("orders");
    await staffMove(order.id, ["ready"]);
    await rider.pull("orders");
    rider.edit("orders", order.id, step("rider", "picked_up", clock.tick()));
    expect((await rider.sync()).rejections).toEqual([]);

    // Both offline now: the rider hands the goods over, the tablet
    // cancels because the customer phoned.
    const t0 = clock.tick(5);
    const at = (m: number) => new Date(Date.parse(t0) + m * 60_000);
    rider.edit(
      "orders",
      order.id,
      step("rider", "delivered", at(row.deliverAt).toISOString()),
    );
    tablet.edit(
      "orders",
      order.id,
      step("staff", "cancelled", at(row.cancelAt).toISOString()),
    );
    clock.tick(5);
    const [a, b] = row.first === "staff" ? [tablet, rider] : [rider, tablet];
    expect((await a.sync()).rejections).toEqual([]);
    expect((await b.sync()).rejections).toEqual([]);

    const final = await until(
      ts.server.store,
      "orders",
      order.id,
      (o) => intakeOf(o)?.["stock"] === "deducted",
      "the delivered units deducted",
    );
    expect(final["status"]).toBe("delivered");
    expect(statuses(final)).toEqual([
      "pending",
      "accepted",
      "preparing",
      "ready",
      "picked_up",
      ...row.history,
    ]);
    expect(times(final)).toEqual([...times(final)].sort());
    // Goods left once: 5 - 2, nothing held.
    const level = (await stored(ts.server.store, "stock", order.stockId)).doc;
    expect(level).toMatchObject({ onHand: 3, reserved: 0 });

    // Everyone's pull shows the same delivered order.
    for (const device of [customer, staff, tablet, rider]) {
      const seen = (await device.pull("orders")).get(order.id);
      expect(seen, device.username).toEqual(final);
      expect(device.local("orders", order.id)).toEqual(final);
    }
  });
});

describe("location fixes queued offline arrive out of order", () => {
  it.each([
    { order: [0, 1, 2] },
    { order: [2, 1, 0] },
    { order: [1, 2, 0] },
    { order: [2, 0, 1] },
  ])("arriving as fixes $order, the newest stands", async (row) => {
    const base = (await rider.pull("riders")).get("rd_dla_01");
    if (base === undefined) throw new Error("the rider's own document");
    const fixes = [0, 1, 2].map((i) => {
      const recordedAt = clock.tick();
      return {
        ...base,
        location: { lat: 4.05 + i / 100, lng: 9.7, accuracy: 8, recordedAt },
        updatedAt: recordedAt,
      };
    });
    // Each queued push was made against the master known before the
    // outage; the network delivers them in another order.
    for (const i of row.order) {
      const reply = await rider.push("riders", [
        { assumedMasterState: base, newDocumentState: fixes[i] },
      ]);
      expect(reply.rejections).toEqual([]);
    }
    const newest = fixes[2]["location"];
    const master = (await stored(ts.server.store, "riders", "rd_dla_01")).doc;
    expect(master["location"]).toEqual(newest);
    expect((await staff.pull("riders")).get("rd_dla_01")).toMatchObject({
      location: newest,
    });
    expect((await rider.pull("riders")).get("rd_dla_01")).toEqual(master);
  });
});

describe("the state machine holds", () => {
  it.each([
    {
      name: "a rider skipping the pickup",
      who: () => rider,
      setup: ["accepted", "preparing", "ready"] as const,
      edit: (t: string) => step("rider", "delivered", t),
      code: "INVALID_TRANSITION",
    },
    {
      name: "a rider the order is not assigned to",
      who: () => rider2,
      setup: ["accepted", "preparing", "ready"] as const,
      edit: (t: string) => step("rider2", "picked_up", t),
      code: "FORBIDDEN",
    },
    {
      name: "a rider picking up before the store is ready",
      who: () => rider,
      setup: ["accepted", "preparing"] as const,
      edit: (t: string) => step("rider", "picked_up", t),
      code: "INVALID_TRANSITION",
    },
  ])("refuses $name ($code); nothing changes", async (row) => {
    const order = await placed();
    await staffMove(order.id, row.setup);
    const device = row.who();
    const before = (await stored(ts.server.store, "orders", order.id)).doc;
    // The assigned rider pulled the order; rider 2 cannot, and pushes
    // from a copy it was shown.
    await device.pull("orders");
    device.write("orders", row.edit(clock.tick())(before));
    const reply = await device.sync();
    expect(reply.rejections).toMatchObject([{ id: order.id, code: row.code }]);
    const after = await stored(ts.server.store, "orders", order.id);
    expect(after.doc).toEqual(before);
    // The phone goes back to the master, or, when it may not read the
    // order, drops its copy without learning anything.
    const local = device.local("orders", order.id);
    if (row.code === "FORBIDDEN") {
      expect(local).toMatchObject({ id: order.id, _deleted: true });
    } else {
      expect(local).toEqual(before);
    }
  });

  it("a stale phone cannot move a delivered order back", async () => {
    const order = await placed();
    await staffMove(order.id, ["accepted", "preparing", "ready"]);
    await rider.pull("orders");
    const second = await new Device(ts.url, "rider").connect();
    await second.pull("orders");
    rider.edit("orders", order.id, step("rider", "picked_up", clock.tick()));
    rider.edit("orders", order.id, step("rider", "delivered", clock.tick()));
    await rider.sync();
    // The rider's old phone, still at ready, reports the pickup late.
    second.edit("orders", order.id, step("rider", "picked_up", clock.tick()));
    expect((await second.sync()).rejections).toEqual([]);
    const master = (await stored(ts.server.store, "orders", order.id)).doc;
    expect(master["status"]).toBe("delivered");
    expect(statuses(master).filter((s) => s === "picked_up")).toHaveLength(2);
    expect(second.local("orders", order.id)).toEqual(master);
  });

  it("a reassigned rider's offline pickup is refused and the order leaves", async () => {
    const order = await placed();
    await staffMove(order.id, ["accepted", "preparing", "ready"]);
    await rider.pull("orders");
    // Staff give the order to rider 2 while rider 1 is offline.
    staff.edit("orders", order.id, (o) => ({
      ...o,
      riderId: "rd_dla_02",
      updatedAt: clock.tick(),
    }));
    await staff.sync();
    rider.edit("orders", order.id, step("rider", "picked_up", clock.tick()));
    const reply = await rider.sync();
    expect(reply.rejections).toMatchObject([
      { id: order.id, code: "FORBIDDEN" },
    ]);
    const gone = (await rider.pull("orders")).get(order.id);
    expect(gone).toMatchObject({ id: order.id, _deleted: true });
    expect(gone).not.toHaveProperty("riderId");
    expect((await rider2.pull("orders")).get(order.id)).toMatchObject({
      status: "ready",
      riderId: "rd_dla_02",
      formerRiderIds: ["rd_dla_01"],
    });
  });
});
