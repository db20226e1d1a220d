/** Business invariants, beyond what the JSON Schema can say. */
import { describe, expect, it } from "vitest";
import { ORDER_STATUSES } from "../../schemas/orders.ts";
import {
  NEW_ORDER,
  PRODUCT,
  RIDER,
  STOCK,
  STORE,
  at,
  orderAt,
  patch,
} from "../test-support.ts";
import { businessProblems } from "./api.ts";

describe("business invariants", () => {
  it.each(ORDER_STATUSES)("an order reached %s normally keeps them", (s) => {
    expect(businessProblems("orders", orderAt(s))).toEqual([]);
  });

  it.each([
    ["stores", STORE],
    ["products", PRODUCT],
    ["stock", STOCK],
    ["riders", RIDER],
  ] as const)("a valid %s document keeps them", (collection, doc) => {
    expect(businessProblems(collection, doc)).toEqual([]);
  });

  const accepted = orderAt("accepted");
  it.each([
    [
      "a total that is not the sum of the items",
      patch(NEW_ORDER, { totalXaf: 7000 }),
      "totalXaf is 7000 but the items add up to 7500.",
    ],
    [
      "a status ahead of its history",
      patch(NEW_ORDER, { status: "accepted" }),
      "status is accepted but the furthest status in statusHistory is pending.",
    ],
    [
      "a status behind its history",
      patch(accepted, { status: "pending" }),
      "status is pending but the furthest status in statusHistory is accepted.",
    ],
    [
      "a history without the pending event",
      patch(accepted, { statusHistory: accepted.statusHistory.slice(1) }),
      "statusHistory must record the order's pending event.",
    ],
    [
      "an event recorded twice",
      patch(NEW_ORDER, {
        statusHistory: [...NEW_ORDER.statusHistory, ...NEW_ORDER.statusHistory],
      }),
      "statusHistory records the same event twice.",
    ],
    [
      "a rejection without a reason",
      patch(orderAt("rejected"), { rejectionReason: " " }),
      "A rejected order needs a rejectionReason.",
    ],
    [
      "a picked-up order without a rider",
      patch(orderAt("picked_up"), { riderId: undefined }),
      "A picked_up order needs its riderId.",
    ],
    [
      "a stock level whose id is not <storeId>:<productId>",
      patch(STOCK, { id: "p_plantain" }),
      'Its id must be "st_dla_akwa:p_plantain".',
    ],
  ])("finds %s", (_name, doc, problem) => {
    const collection = "onHand" in doc ? "stock" : "orders";
    expect(businessProblems(collection, doc)).toContain(problem);
  });

  it("does not check the rules of a document that does not fit", () => {
    expect(
      businessProblems("orders", patch(NEW_ORDER, { items: "none" })),
    ).toEqual(["orders/ord_0001 does not fit the schema."]);
  });

  it("has nothing to say about a tombstone", () => {
    expect(businessProblems("orders", { id: "ord_x", _deleted: true })).toEqual(
      [],
    );
  });

  it("accepts history out of time order (clocks disagree)", () => {
    const skewed = patch(accepted, {
      statusHistory: [
        { status: "accepted", at: at(-5), by: "staff" },
        ...NEW_ORDER.statusHistory,
      ],
    });
    expect(businessProblems("orders", skewed)).toEqual([]);
  });
});
