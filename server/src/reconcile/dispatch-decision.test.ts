import { describe, expect, it } from "vitest";
import type { OrderStatus, RiderDoc } from "@okada/sync-rules";
import type { Order } from "./docs.ts";
import { distanceKm, planDispatch } from "./dispatch-decision.ts";
import { STORE, at, iso, order, rider } from "./test-docs.ts";

const NEAR = { lat: 4.05, lng: 9.7 }; // about 150 m from the store
const FAR = { lat: 4.09, lng: 9.74 }; // about 6 km
const THRESHOLD = 15 * 60_000;

function open(
  id: string,
  status: OrderStatus,
  riderId?: string,
  fields: Partial<Order> = {},
): Order {
  const doc = order([["rice", 1, 100]], { id, status, ...fields });
  if (riderId) doc.riderId = riderId;
  return doc;
}

function plan(
  orders: Order[],
  riders: RiderDoc[],
  options: { autoAssign?: boolean; unreachableMs?: number } = {},
) {
  return planDispatch({
    orders,
    riders: new Map(riders.map((r) => [r.id, r])),
    stores: new Map([[STORE.id, STORE]]),
    now: at(0),
    unreachableMs: options.unreachableMs ?? THRESHOLD,
    autoAssign: options.autoAssign ?? true,
  });
}

describe("unreachable riders", () => {
  it.each([
    { status: "ready", seen: -20, touched: -20, freed: true },
    { status: "accepted", seen: -20, touched: -20, freed: true },
    { status: "ready", seen: -5, touched: -20, freed: false },
    { status: "ready", seen: -20, touched: -5, freed: false },
    { status: "picked_up", seen: -60, touched: -60, freed: false },
  ] as const)(
    "$status, seen $seen min ago, order touched $touched: freed $freed",
    (row) => {
      const doc = open("o1", row.status, "r1", { updatedAt: iso(row.touched) });
      const result = plan([doc], [rider("r1", row.seen, NEAR)], {
        autoAssign: false,
      });
      expect(result.unassign).toEqual(
        row.freed ? [{ orderId: "o1", riderId: "r1" }] : [],
      );
    },
  );

  it("a rider with no document at all is unreachable", () => {
    const doc = open("o1", "ready", "r9", { updatedAt: iso(-30) });
    expect(plan([doc], []).unassign).toEqual([
      { orderId: "o1", riderId: "r9" },
    ]);
  });

  it("threshold 0 turns the sweep off", () => {
    const doc = open("o1", "ready", "r1", { updatedAt: iso(-300) });
    const result = plan([doc], [rider("r1", -300, NEAR)], {
      unreachableMs: 0,
      autoAssign: false,
    });
    expect(result.unassign).toEqual([]);
  });
});

describe("nearest available rider", () => {
  it("measures kilometres", () => {
    expect(distanceKm(STORE.location, NEAR)).toBeLessThan(0.3);
    expect(distanceKm(STORE.location, FAR)).toBeGreaterThan(5);
  });

  it.each([
    {
      name: "the nearer of two",
      riders: [rider("r_far", -1, FAR), rider("r_near", -1, NEAR)],
      expect: "r_near",
    },
    {
      name: "a tie goes to the smaller ID",
      riders: [rider("r_b", -1, NEAR), rider("r_a", -1, NEAR)],
      expect: "r_a",
    },
    {
      name: "not a busy rider",
      riders: [rider("r_busy", -1, NEAR), rider("r_far", -1, FAR)],
      busy: "r_busy",
      expect: "r_far",
    },
    {
      name: "not an unreachable one",
      riders: [rider("r_silent", -30, NEAR), rider("r_far", -1, FAR)],
      expect: "r_far",
    },
    {
      name: "not one who is offline",
      riders: [
        rider("r_off", -1, NEAR, { availability: "offline" }),
        rider("r_far", -1, FAR),
      ],
      expect: "r_far",
    },
    {
      name: "not one of another city",
      riders: [rider("r_yde", -1, NEAR, { city: "Yaoundé" })],
      expect: undefined,
    },
    {
      name: "not one without a location",
      riders: [rider("r_lost", -1, undefined)],
      expect: undefined,
    },
    {
      name: "not one who held the order before",
      riders: [rider("r_before", -1, NEAR), rider("r_far", -1, FAR)],
      former: ["r_before"],
      expect: "r_far",
    },
  ])("$name", (row) => {
    const waiting = open("o1", "ready", undefined, {
      ...(row.former ? { formerRiderIds: row.former } : {}),
    });
    const orders = [waiting];
    if (row.busy) orders.push(open("o2", "picked_up", row.busy));
    const result = plan(orders, row.riders);
    expect(result.assign).toEqual(
      row.expect ? [{ orderId: "o1", riderId: row.expect }] : [],
    );
  });

  it("frees a silent rider's order and gives it to the next nearest", () => {
    const doc = open("o1", "ready", "r_near", { updatedAt: iso(-30) });
    const result = plan(
      [doc],
      [rider("r_near", -30, NEAR), rider("r_far", -1, FAR)],
    );
    expect(result).toEqual({
      unassign: [{ orderId: "o1", riderId: "r_near" }],
      assign: [{ orderId: "o1", riderId: "r_far" }],
    });
  });

  it("gives one rider one order, oldest order first", () => {
    const older = open("o_old", "ready", undefined, { createdAt: iso(-20) });
    const newer = open("o_new", "ready", undefined, { createdAt: iso(-10) });
    const result = plan([newer, older], [rider("r1", -1, NEAR)]);
    expect(result.assign).toEqual([{ orderId: "o_old", riderId: "r1" }]);
  });

  it("only ready orders, and only when switched on", () => {
    const preparing = open("o1", "preparing");
    expect(plan([preparing], [rider("r1", -1, NEAR)]).assign).toEqual([]);
    const ready = open("o2", "ready");
    const off = plan([ready], [rider("r1", -1, NEAR)], { autoAssign: false });
    expect(off.assign).toEqual([]);
  });
});
