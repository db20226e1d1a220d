/**
 * Authorization matrix for orders: every demo user against every status
 * edge and every field group. Columns: customer (who placed the order),
 * otherCustomer, staff (of the order's store), otherStaff, rider (the
 * one assigned from `accepted` on), otherRider, admin, server.
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
      "order ord_0001 is delivered, a final status; it cannot become " +
        "cancelled.",
    ],
    [
      "staff",
      "ready",
      "cancelled",
      "order ord_0001 cannot go from ready to cancelled; from ready it can " +
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

interface FieldRow {
  name: string;
  before: Order | undefined;
  after: Order;
  expected: Expected;
}

const pending = NEW_ORDER;
const accepted = orderAt("accepted");
const pickedUp = orderAt("picked_up");
const later = { updatedAt: at(20) };
const newItems = {
  items: [{ productId: "p_plantain", qty: 3, unitPriceXaf: 500 }],
  totalXaf: 1500,
};

function edit(name: string, before: Order, fields: object, e: Expected) {
  return {
    name,
    before,
    after: patch(before, { ...fields, ...later }),
    expected: e,
  };
}

const ADMIN_ONLY: Expected = ["F", "F", "F", "F", "F", "F", "ok", "ok"];
const OWNER_WHILE_PENDING: Expected = [
  "ok",
  "F",
  "F",
  "F",
  "F",
  "F",
  "ok",
  "ok",
];
const FROZEN: Expected = ["IF", "F", "IF", "F", "IF", "F", "IF", "ok"];
const ANYONE_RELATED_PENDING: Expected = [
  "ok",
  "F",
  "ok",
  "F",
  "F",
  "F",
  "ok",
  "ok",
];

const FIELD_ROWS: FieldRow[] = [
  {
    name: "create",
    before: undefined,
    after: pending,
    expected: OWNER_WHILE_PENDING,
  },
  {
    name: "create already accepted",
    before: undefined,
    after: step(pending, "accepted", "customer", at(1)),
    expected: ["IT", "F", "F", "F", "F", "F", "ok", "ok"],
  },
  {
    name: "create already paid",
    before: undefined,
    after: patch(pending, { payment: { method: "cash", status: "paid" } }),
    expected: ["F", "F", "F", "F", "F", "F", "ok", "ok"],
  },
  {
    name: "create with a rider",
    before: undefined,
    after: patch(pending, { riderId: "rd_dla_01" }),
    expected: ["F", "F", "F", "F", "F", "F", "ok", "ok"],
  },
  {
    name: "create with a history in another's name",
    before: undefined,
    after: patch(pending, {
      statusHistory: [{ status: "pending", at: at(0), by: "someone" }],
    }),
    expected: ["BR", "F", "F", "F", "F", "F", "ok", "ok"],
  },
  {
    name: "create with a wrong total",
    before: undefined,
    after: patch(pending, { totalXaf: 1 }),
    expected: ["BR", "F", "F", "F", "F", "F", "BR", "BR"],
  },
  edit("items while pending", pending, newItems, OWNER_WHILE_PENDING),
  edit(
    "deliveryAddress while pending",
    pending,
    { deliveryAddress: { text: "Bonapriso", city: "Douala" } },
    OWNER_WHILE_PENDING,
  ),
  edit(
    "payment.method while pending",
    pending,
    { payment: { method: "orange_money", status: "pending" } },
    OWNER_WHILE_PENDING,
  ),
  edit("items once accepted", accepted, newItems, FROZEN),
  edit(
    "deliveryAddress once accepted",
    accepted,
    { deliveryAddress: { text: "Bonapriso", city: "Douala" } },
    FROZEN,
  ),
  edit(
    "payment.method once accepted",
    accepted,
    { payment: { method: "orange_money", status: "pending" } },
    FROZEN,
  ),
  edit("items of a rejected order", orderAt("rejected"), newItems, [
    "IF",
    "F",
    "F",
    "F",
    "F",
    "F",
    "ok",
    "ok",
  ]),
  edit(
    "payment.status",
    accepted,
    { payment: { method: "cash", status: "paid" } },
    ["F", "F", "ok", "F", "ok", "F", "ok", "ok"],
  ),
  edit("riderId while accepted", accepted, { riderId: "rd_dla_02" }, [
    "F",
    "F",
    "ok",
    "F",
    "F",
    "F",
    "ok",
    "ok",
  ]),
  edit("riderId while pending", pending, { riderId: "rd_dla_02" }, [
    "F",
    "F",
    "BR",
    "F",
    "F",
    "F",
    "ok",
    "ok",
  ]),
  edit("riderId once picked up", pickedUp, { riderId: "rd_dla_02" }, FROZEN),
  edit(
    "rejectionReason without rejecting",
    accepted,
    { rejectionReason: "No reason" },
    ["F", "F", "BR", "F", "F", "F", "ok", "ok"],
  ),
  edit("customerId", pending, { customerId: "cust_2" }, [
    "IF",
    "F",
    "IF",
    "F",
    "F",
    "F",
    "IF",
    "ok",
  ]),
  edit("storeId", accepted, { storeId: "st_yde_bastos" }, [
    "IF",
    "F",
    "IF",
    "F",
    "IF",
    "F",
    "IF",
    "ok",
  ]),
  edit("createdAt", pending, { createdAt: at(9) }, [
    "IF",
    "F",
    "IF",
    "F",
    "F",
    "F",
    "IF",
    "ok",
  ]),
  edit("only updatedAt", pending, {}, ANYONE_RELATED_PENDING),
  edit("delete", accepted, { _deleted: true }, ADMIN_ONLY),
];

describe("authorization: order field groups", () => {
  it.each(cases(FIELD_ROWS))("%s", (_name, row, user, expected) => {
    const verdict = checkWrite(USERS[user], "orders", row.before, row.after);
    expect(verdict.ok ? "ok" : verdict.code).toBe(expected);
  });

  it("tells a customer that they order for themselves only", () => {
    const verdict = checkWrite(
      USERS.otherCustomer,
      "orders",
      undefined,
      pending,
    );
    expect(verdict).toMatchObject({
      code: "FORBIDDEN",
      message:
        "Only the customer who placed it (customer) can create order ord_0001.",
    });
  });

  it("tells the customer why items are frozen", () => {
    const verdict = checkWrite(
      USERS.customer,
      "orders",
      accepted,
      patch(accepted, newItems),
    );
    expect(verdict).toMatchObject({
      message:
        "items of order ord_0001 cannot change once the store has " +
        "accepted the order.",
    });
  });
});
