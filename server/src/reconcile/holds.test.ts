import { describe, expect, it } from "vitest";
import {
  DEDUCTED_KEPT,
  availableFor,
  unitsOf,
  withDeduction,
  withHold,
} from "./holds.ts";
import { stock } from "./test-docs.ts";

describe("holds on a stock level", () => {
  it("sums a product listed twice and sorts by product", () => {
    const items = [
      { productId: "b", qty: 1, unitPriceXaf: 10 },
      { productId: "a", qty: 2, unitPriceXaf: 10 },
      { productId: "b", qty: 3, unitPriceXaf: 10 },
    ];
    expect(unitsOf(items)).toEqual([
      { productId: "a", qty: 2 },
      { productId: "b", qty: 4 },
    ]);
  });

  it.each([
    { holds: {}, order: "o1", available: 5 },
    { holds: { o2: 3 }, order: "o1", available: 2 },
    { holds: { o1: 3 }, order: "o1", available: 5 },
    { holds: { o1: 2, o2: 4 }, order: "o1", available: 1 },
  ])("available to $order with $holds: $available", (row) => {
    expect(availableFor(stock("p", 5, row.holds), row.order)).toBe(
      row.available,
    );
  });

  it("holds once per order, whatever the replays", () => {
    const once = withHold(stock("p", 5, { o2: 1 }), "o1", 3);
    expect(once).toMatchObject({
      reserved: 4,
      reservations: [
        { orderId: "o1", qty: 3 },
        { orderId: "o2", qty: 1 },
      ],
    });
    expect(once && withHold(once, "o1", 3)).toBeUndefined();
    const changed = once && withHold(once, "o1", 1);
    expect(changed).toMatchObject({ reserved: 2 });
    const released = changed && withHold(changed, "o1", 0);
    expect(released).toMatchObject({
      reserved: 1,
      reservations: [{ orderId: "o2", qty: 1 }],
    });
    const empty = released && withHold(released, "o2", 0);
    expect(empty).toMatchObject({ reserved: 0 });
    expect(empty).not.toHaveProperty("reservations");
  });

  it("deducts a delivered order once and drops its hold", () => {
    const first = withDeduction(stock("p", 5, { o1: 2 }), "o1", 2);
    expect(first).toMatchObject({
      onHand: 3,
      reserved: 0,
      deductedOrders: ["o1"],
    });
    expect(first && withDeduction(first, "o1", 2)).toBeUndefined();
  });

  it("never deducts below zero and remembers the latest orders", () => {
    let level = stock("p", 1);
    for (let i = 0; i < DEDUCTED_KEPT + 3; i++) {
      level = withDeduction(level, `o${i}`, 1) ?? level;
    }
    expect(level.onHand).toBe(0);
    expect(level.deductedOrders).toHaveLength(DEDUCTED_KEPT);
    expect(level.deductedOrders?.at(-1)).toBe(`o${DEDUCTED_KEPT + 2}`);
  });
});
