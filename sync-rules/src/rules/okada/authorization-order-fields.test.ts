/**
 * Authorization matrix for orders: every demo user against every field
 * group, from create to delete. Columns: customer (who placed the
 * order), otherCustomer, staff (of the order's store), otherStaff, rider
 * (the one assigned from `accepted` on), otherRider, admin, server.
 * F = FORBIDDEN, IT = INVALID_TRANSITION, IF = IMMUTABLE_FIELD,
 * BR = BUSINESS_RULE.
 */
import { describe, expect, it } from "vitest";
import type { Order } from "../test-support.ts";
import { NEW_ORDER, USERS, at, orderAt, patch, step } from "../test-support.ts";
import { checkWrite } from "./api.ts";
import type { Expected } from "./matrix-support.ts";
import { cases } from "./matrix-support.ts";

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
