import { describe, expect, it } from "vitest";
import type { OrderIntake, OrderStatus } from "@okada/sync-rules";
import { recordDecision, recordStock } from "./intake-record.ts";
import { itemsKey, planOrder } from "./order-plan.ts";
import { at, iso, order } from "./test-docs.ts";

const ITEMS: [string, number, number][] = [["rice", 2, 6500]];
const base = order(ITEMS);
const key = itemsKey(base.items);

function intake(fields: Partial<OrderIntake>): OrderIntake {
  return {
    outcome: "confirmed",
    stock: "held",
    held: [{ productId: "rice", qty: 2 }],
    itemsKey: key,
    processedAt: iso(0),
    ...fields,
  };
}

interface Row {
  status: OrderStatus;
  intake?: OrderIntake;
  items?: [string, number, number][];
  deleted?: boolean;
  plan: ReturnType<typeof planOrder>;
}

const ROWS: Row[] = [
  { status: "pending", plan: { kind: "evaluate" } },
  { status: "pending", intake: intake({}), plan: { kind: "none" } },
  {
    status: "pending",
    intake: intake({}),
    items: [["rice", 3, 6500]],
    plan: { kind: "evaluate" },
  },
  {
    status: "pending",
    intake: intake({ outcome: "needs_confirmation", stock: "none" }),
    plan: { kind: "none" },
  },
  { status: "accepted", plan: { kind: "late" } },
  {
    status: "accepted",
    intake: intake({ outcome: "needs_confirmation", stock: "none" }),
    plan: { kind: "late" },
  },
  { status: "ready", intake: intake({}), plan: { kind: "none" } },
  {
    status: "picked_up",
    intake: intake({ outcome: "short", stock: "none" }),
    plan: { kind: "none" },
  },
  {
    status: "cancelled",
    intake: intake({}),
    plan: { kind: "release", record: true },
  },
  {
    status: "failed",
    intake: intake({ stock: "released" }),
    plan: { kind: "none" },
  },
  {
    status: "rejected",
    intake: intake({ outcome: "rejected", stock: "none" }),
    plan: { kind: "none" },
  },
  { status: "cancelled", plan: { kind: "release", record: false } },
  { status: "delivered", plan: { kind: "release", record: false } },
  { status: "delivered", intake: intake({}), plan: { kind: "deduct" } },
  {
    status: "delivered",
    intake: intake({ stock: "released" }),
    plan: { kind: "deduct" },
  },
  {
    status: "delivered",
    intake: intake({ stock: "deducted" }),
    plan: { kind: "none" },
  },
  {
    status: "pending",
    intake: intake({}),
    deleted: true,
    plan: { kind: "release", record: false },
  },
];

describe("what an order needs from intake", () => {
  it.each(ROWS)("$status, $intake.outcome/$intake.stock: $plan.kind", (row) => {
    const doc = order(row.items ?? ITEMS, { status: row.status });
    if (row.intake) doc.intake = row.intake;
    if (row.deleted) doc._deleted = true;
    expect(planOrder(doc)).toEqual(row.plan);
  });
});

describe("recording decisions", () => {
  it("a rejection stops the order with an event and a reason", () => {
    const next = recordDecision(
      base,
      {
        outcome: "rejected",
        reason: "OUT_OF_STOCK",
        productIds: ["rice"],
        message: "Not enough in stock.",
      },
      at(1),
    );
    expect(next).toMatchObject({
      status: "rejected",
      rejectionReason: "Not enough in stock.",
      statusHistory: [
        { status: "pending" },
        { status: "rejected", at: iso(1), by: "server" },
      ],
      intake: {
        outcome: "rejected",
        reason: "OUT_OF_STOCK",
        productIds: ["rice"],
        stock: "none",
        itemsKey: key,
      },
    });
    expect(planOrder(next)).toEqual({ kind: "none" });
  });

  it("a recorded decision plans nothing more", () => {
    const next = recordDecision(
      base,
      {
        outcome: "confirmed",
        hold: [{ productId: "rice", qty: 2 }],
        adjustments: [],
      },
      at(1),
    );
    expect(next.status).toBe("pending");
    expect(next.intake).toEqual(intake({ processedAt: iso(1) }));
    expect(planOrder(next)).toEqual({ kind: "none" });
  });

  it("released or deducted units leave no holds on the record", () => {
    const held = { ...base, intake: intake({}) };
    expect(recordStock(held, "released").intake).toEqual({
      outcome: "confirmed",
      stock: "released",
      itemsKey: key,
      processedAt: iso(0),
    });
  });
});
