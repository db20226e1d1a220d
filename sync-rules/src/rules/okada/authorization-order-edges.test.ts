/**
 * Authorization matrix for order status changes: every demo user against
 * every edge, plus multi-step writes and the status history rules.
 * Columns: customer (who placed the order), otherCustomer, staff (of the
 * order's store), otherStaff, rider (the one assigned from `accepted`
 * on), otherRider, admin, server.
 * F = FORBIDDEN (not yours), IT = INVALID_TRANSITION (not your edge),
 * IF = IMMUTABLE_FIELD, BR = BUSINESS_RULE.
 */
import { describe, expect, it } from "vitest";
import type { OrderStatus } from "../../schemas/orders.ts";
import type { UserName } from "../test-support.ts";
import { NEW_ORDER, USERS, at, orderAt, patch, step } from "../test-support.ts";
import type { Order } from "../test-support.ts";
import { checkWrite } from "./api.ts";
import type { Expected } from "./matrix-support.ts";
import { cases } from "./matrix-support.ts";
import { ORDER_EDGES } from "./order-status.ts";

interface EdgeRow {
  name: string;
  from: OrderStatus;
  to: OrderStatus;
  expected: Expected;
}

const STAFF_EDGE: Expected = ["IT", "F", "ok", "F", "IT", "F", "ok", "ok"];
/** Before a rider is assigned the rider has no relation at all. */
const STAFF_EDGE_UNASSIGNED: Expected = [
  "IT",
  "F",
  "ok",
  "F",
  "F",
  "F",
  "ok",
  "ok",
];
const RIDER_EDGE: Expected = ["IT", "F", "IT", "F", "ok", "F", "ok", "ok"];

const EDGE_ROWS: EdgeRow[] = [
  ["pending", "accepted", STAFF_EDGE_UNASSIGNED],
  ["pending", "rejected", STAFF_EDGE_UNASSIGNED],
  ["pending", "cancelled", ["ok", "F", "IT", "F", "F", "F", "ok", "ok"]],
  ["accepted", "preparing", STAFF_EDGE],
  ["accepted", "cancelled", STAFF_EDGE],
  ["preparing", "ready", STAFF_EDGE],
  ["preparing", "cancelled", STAFF_EDGE],
  ["ready", "picked_up", RIDER_EDGE],
  ["picked_up", "delivered", RIDER_EDGE],
  ["picked_up", "failed", RIDER_EDGE],
].map(([from, to, expected]) => ({
  name: `${String(from)} -> ${String(to)}`,
  from: from as OrderStatus,
  to: to as OrderStatus,
  expected: expected as Expected,
}));

/** The order moved one step by `user`, with a reason when rejecting. */
function moved(before: Order, to: OrderStatus, user: UserName): Order {
  const after = step(before, to, USERS[user].id, at(30));
  return to === "rejected" ? patch(after, { rejectionReason: "Shut" }) : after;
}

describe("authorization: order status edges", () => {
  it("covers every edge of the order state machine", () => {
    const covered = EDGE_ROWS.map((row) => `${row.from}->${row.to}`);
    const edges = ORDER_EDGES.map((edge) => `${edge.from}->${edge.to}`);
    expect(covered.sort()).toEqual(edges.sort());
  });

  it.each(cases(EDGE_ROWS))("%s", (_name, row, user, expected) => {
    const before = orderAt(row.from);
    const after = moved(before, row.to, user);
    const verdict = checkWrite(USERS[user], "orders", before, after);
    expect(verdict.ok ? "ok" : verdict.code).toBe(expected);
  });

  it.each([
    ["staff", "pending", "ready"],
    ["staff", "ready", "cancelled"],
    ["staff", "accepted", "pending"],
    ["rider", "picked_up", "ready"],
    ["customer", "accepted", "cancelled"],
    ["admin", "delivered", "cancelled"],
    ["admin", "rejected", "accepted"],
    ["customer", "cancelled", "pending"],
  ] as const)("%s cannot move %s -> %s", (user, from, to) => {
    const before = orderAt(from);
    const verdict = checkWrite(
      USERS[user],
      "orders",
      before,
      moved(before, to, user),
    );
    expect(verdict).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
  });

  it.each([
    [
      "otherStaff",
      "pending",
      "accepted",
      "Only staff of store st_dla_akwa can accept order ord_0001.",
    ],
    [
      "customer",
      "pending",
      "accepted",
      "Only staff of store st_dla_akwa can accept order ord_0001.",
    ],
    [
      "staff",
      "ready",
      "picked_up",
      "Only its assigned rider (rd_dla_01) can mark picked up order ord_0001.",
    ],
    [
      "admin",
      "delivered",
      "cancelled",
      "Order ord_0001 is delivered, a final status; it cannot become " +
        "cancelled.",
    ],
    [
      "staff",
      "ready",
      "cancelled",
      "Order ord_0001 cannot go from ready to cancelled; from ready it can " +
        "only become picked_up.",
    ],
  ] as const)("%s moving %s -> %s is told why", (user, from, to, message) => {
    const before = orderAt(from);
    const verdict = checkWrite(
      USERS[user],
      "orders",
      before,
      moved(before, to, user),
    );
    expect(verdict).toMatchObject({ ok: false, message });
  });
});

describe("authorization: multi-step writes and the status history", () => {
  const pending = NEW_ORDER;
  const ready = orderAt("ready");
  const accepted = orderAt("accepted");

  it.each([
    [
      "staff accepts, prepares and readies in one write",
      "staff",
      pending,
      step(
        step(
          step(pending, "accepted", "staff", at(1)),
          "preparing",
          "staff",
          at(2),
        ),
        "ready",
        "staff",
        at(3),
      ),
      "ok",
    ],
    [
      "staff accepts and assigns a rider in one write",
      "staff",
      pending,
      patch(step(pending, "accepted", "staff", at(1)), {
        riderId: "rd_dla_02",
      }),
      "ok",
    ],
    [
      "the rider picks up and delivers offline, pushed as one write",
      "rider",
      ready,
      step(
        step(ready, "picked_up", "rider", at(8)),
        "delivered",
        "rider",
        at(9),
      ),
      "ok",
    ],
    [
      "a skipped step: ready -> delivered with one event",
      "rider",
      ready,
      step(ready, "delivered", "rider", at(9)),
      "INVALID_TRANSITION",
    ],
    [
      "a status change without a history event",
      "staff",
      pending,
      patch(pending, { status: "accepted" }),
      "BUSINESS_RULE",
    ],
    [
      "an event recorded in someone else's name",
      "staff",
      pending,
      step(pending, "accepted", "other_staff", at(1)),
      "BUSINESS_RULE",
    ],
    [
      "an event added without the status changing",
      "staff",
      pending,
      patch(step(pending, "accepted", "staff", at(1)), { status: "pending" }),
      "BUSINESS_RULE",
    ],
    [
      "events walking past the new status",
      "staff",
      accepted,
      patch(
        step(
          step(accepted, "preparing", "staff", at(3)),
          "ready",
          "staff",
          at(4),
        ),
        { status: "preparing" },
      ),
      "BUSINESS_RULE",
    ],
    [
      "a history event removed",
      "staff",
      accepted,
      patch(accepted, { statusHistory: accepted.statusHistory.slice(1) }),
      "IMMUTABLE_FIELD",
    ],
    [
      "a rejection without a reason",
      "staff",
      pending,
      step(pending, "rejected", "staff", at(1)),
      "BUSINESS_RULE",
    ],
    [
      "the server moves a status back: invariants still hold",
      "server",
      orderAt("delivered"),
      step(orderAt("delivered"), "ready", "server", at(20)),
      "BUSINESS_RULE",
    ],
  ] as const)("%s", (_name, user, before, after, expected) => {
    const verdict = checkWrite(USERS[user], "orders", before, after);
    expect(verdict.ok ? "ok" : verdict.code).toBe(expected);
  });
});
