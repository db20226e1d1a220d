/**
 * Dispatch on a real seeded server: a rider who goes silent loses the
 * order they have not picked up yet (and their phone sees it leave), and
 * ready orders go to the nearest free rider when auto-assignment is on.
 * The server's clock is the stories' clock; dispatch runs on demand.
 * Each describe block runs on a server of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WireDoc } from "@okada/sync-rules";
import type { TestServer } from "@okada/test-tools";
import type { Reconciler } from "./index.ts";
import type { Device, TestClock } from "./scenario-support.ts";
import {
  activeProducts,
  startScenario,
  type Scenario,
  decided,
  newOrder,
  step,
  stored,
} from "./scenario-support.ts";

const STORE_ID = "st_dla_akwa";
/** From Okada Market Akwa (4.0489, 9.6983): 70 m, 1.8 km, 6.4 km. */
const NEAR = { lat: 4.0495, lng: 9.6985 };
const MIDDLE = { lat: 4.06, lng: 9.71 };
const FAR = { lat: 4.09, lng: 9.75 };

/** One server, its processes and the people of a story. */
class World {
  #scenario!: Scenario;
  staff!: Device;
  customer!: Device;
  readonly riders = new Map<string, Device>();
  catalogue: WireDoc[] = [];

  get clock(): TestClock {
    return this.#scenario.clock;
  }

  get ts(): TestServer {
    return this.#scenario.ts;
  }

  get reconciler(): Reconciler {
    return this.#scenario.reconciler;
  }

  async start(): Promise<void> {
    this.#scenario = await startScenario({
      autoAssign: true,
      riderUnreachableMinutes: 15,
      // The stories call dispatchNow(); the timer stays out of the way.
      dispatchIntervalMs: 3_600_000,
    });
    [this.staff, this.customer] = await this.#scenario.connect(
      "staff",
      "customer",
    );
    const riders = await this.#scenario.connect("rider", "rider2", "rider3");
    for (const [i, id] of ["rd_dla_01", "rd_dla_02", "rd_dla_03"].entries()) {
      const device = riders[i];
      if (device) this.riders.set(id, device);
    }
    this.catalogue = await activeProducts(this.staff, STORE_ID);
  }

  stop(): Promise<void> {
    return this.#scenario.stop();
  }

  rider(id: string): Device {
    const device = this.riders.get(id);
    if (device === undefined) throw new Error(`no device for ${id}`);
    return device;
  }

  /** The rider's phone reports a fix and that they are free. */
  async ping(
    id: string,
    where: { lat: number; lng: number },
    recordedAt = this.clock.iso(),
  ): Promise<void> {
    const phone = this.rider(id);
    await phone.pull("riders");
    phone.edit("riders", id, (r) => ({
      ...r,
      availability: "available",
      location: { ...where, accuracy: 10, recordedAt },
      updatedAt: recordedAt,
    }));
    expect((await phone.sync()).rejections).toEqual([]);
  }

  /** An order the store has made ready, assigned to `riderId` if given. */
  async readyOrder(riderId?: string): Promise<string> {
    const product = this.catalogue.shift();
    if (product === undefined) throw new Error("out of demo products");
    const line = {
      productId: product.id,
      qty: 1,
      unitPriceXaf: Number(product["priceXaf"]),
    };
    const { customer, staff, clock } = this;
    const order = customer.write(
      "orders",
      newOrder("customer", STORE_ID, [line], clock.tick()),
    );
    await customer.sync();
    await decided(this.ts.server.store, order.id, "confirmed");
    await staff.pull("orders");
    for (const status of ["accepted", "preparing", "ready"] as const) {
      const extra = status === "accepted" && riderId ? { riderId } : {};
      staff.edit(
        "orders",
        order.id,
        step("staff", status, clock.tick(), extra),
      );
      expect((await staff.sync()).rejections).toEqual([]);
    }
    return order.id;
  }

  async order(id: string): Promise<WireDoc> {
    return (await stored(this.ts.server.store, "orders", id)).doc;
  }
}

const aboutOrder = (id: string): unknown =>
  expect.objectContaining({ orderId: id });

describe("a rider who goes silent", () => {
  const w = new World();
  beforeAll(() => w.start(), 120_000);
  afterAll(() => w.stop());

  it("loses an order not yet picked up; their phone sees it leave", async () => {
    await w.ping("rd_dla_02", MIDDLE);
    const id = await w.readyOrder("rd_dla_02");
    const phone = w.rider("rd_dla_02");
    expect((await phone.pull("orders")).get(id)).toMatchObject({
      riderId: "rd_dla_02",
    });

    w.clock.tick(10);
    expect((await w.reconciler.dispatchNow()).unassigned).toEqual([]);
    w.clock.tick(10); // 20 minutes of silence: past the 15-minute threshold
    const report = await w.reconciler.dispatchNow();
    expect(report.unassigned).toEqual([{ orderId: id, riderId: "rd_dla_02" }]);
    // Nobody else is reachable: the order waits for staff or a rider.
    expect(report.assigned).toEqual([]);
    const freed = await w.order(id);
    expect(freed).not.toHaveProperty("riderId");
    expect(freed).toMatchObject({
      status: "ready",
      formerRiderIds: ["rd_dla_02"],
      dispatch: {
        action: "unassigned",
        riderId: "rd_dla_02",
        reason: "RIDER_UNREACHABLE",
      },
    });
    const gone = (await phone.pull("orders")).get(id);
    expect(gone).toMatchObject({ id, _deleted: true });
    expect((await w.staff.pull("orders")).get(id)).toEqual(freed);

    // Back online, the silent rider does not get it back; another does.
    await w.ping("rd_dla_02", NEAR);
    await w.ping("rd_dla_01", FAR);
    const next = await w.reconciler.dispatchNow();
    expect(next.assigned).toEqual([{ orderId: id, riderId: "rd_dla_01" }]);
    const seen = (await w.rider("rd_dla_01").pull("orders")).get(id);
    expect(seen).toMatchObject({
      riderId: "rd_dla_01",
      dispatch: { action: "assigned", reason: "NEAREST_AVAILABLE" },
    });
  });

  it("keeps an order picked up, however long the silence", async () => {
    await w.ping("rd_dla_03", NEAR);
    const id = await w.readyOrder("rd_dla_03");
    const phone = w.rider("rd_dla_03");
    await phone.pull("orders");
    phone.edit("orders", id, step("rider3", "picked_up", w.clock.tick()));
    expect((await phone.sync()).rejections).toEqual([]);
    w.clock.tick(120);
    const report = await w.reconciler.dispatchNow();
    expect(report.unassigned).not.toContainEqual(aboutOrder(id));
    expect(await w.order(id)).toMatchObject({ riderId: "rd_dla_03" });
  });

  it("is judged by the newest fix, whatever order fixes arrive in", async () => {
    await w.ping("rd_dla_02", MIDDLE);
    const id = await w.readyOrder("rd_dla_02");
    const early = w.clock.iso();
    w.clock.tick(14);
    await w.ping("rd_dla_02", MIDDLE); // a fix at +14 minutes
    await w.ping("rd_dla_02", MIDDLE, early); // a fix from +0 arrives late
    w.clock.tick(6); // 20 minutes after the order, 6 after the newest fix
    const report = await w.reconciler.dispatchNow();
    expect(report.unassigned).not.toContainEqual(aboutOrder(id));
    expect(await w.order(id)).toMatchObject({ riderId: "rd_dla_02" });
  });
});

describe("automatic assignment of ready orders", () => {
  const w = new World();
  beforeAll(() => w.start(), 120_000);
  afterAll(() => w.stop());

  it("gives each order the nearest free rider, then the next one", async () => {
    await w.ping("rd_dla_01", FAR);
    await w.ping("rd_dla_02", MIDDLE);
    await w.ping("rd_dla_03", NEAR);
    const first = await w.readyOrder();
    const second = await w.readyOrder();
    const report = await w.reconciler.dispatchNow();
    // Oldest order first; one order per rider.
    expect(report.assigned).toEqual([
      { orderId: first, riderId: "rd_dla_03" },
      { orderId: second, riderId: "rd_dla_02" },
    ]);
    expect(
      (await w.rider("rd_dla_03").pull("orders")).get(first),
    ).toMatchObject({ status: "ready", riderId: "rd_dla_03" });

    // The nearest rider goes silent; the others keep reporting.
    w.clock.tick(10);
    await w.ping("rd_dla_01", FAR);
    await w.ping("rd_dla_02", MIDDLE);
    w.clock.tick(10);
    await w.ping("rd_dla_01", FAR);
    await w.ping("rd_dla_02", MIDDLE);
    const again = await w.reconciler.dispatchNow();
    expect(again).toEqual({
      ran: true,
      unassigned: [{ orderId: first, riderId: "rd_dla_03" }],
      assigned: [{ orderId: first, riderId: "rd_dla_01" }],
    });
    const left = (await w.rider("rd_dla_03").pull("orders")).get(first);
    expect(left).toMatchObject({ id: first, _deleted: true });
    expect(await w.order(first)).toMatchObject({
      riderId: "rd_dla_01",
      formerRiderIds: ["rd_dla_03"],
    });
    // Dispatch again: nothing left to do.
    expect(await w.reconciler.dispatchNow()).toEqual({
      ran: true,
      unassigned: [],
      assigned: [],
    });
  });
});
