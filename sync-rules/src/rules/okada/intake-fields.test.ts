/**
 * The fields issue 5 adds are the server's: intake's record and dispatch
 * notes on orders, holds and the deduction guard on stock. Clients can
 * neither create nor change them, the server can, merges keep the
 * master's, and the customer confirms a new price by re-pricing lines.
 */
import { describe, expect, it } from "vitest";
import type { CollectionName } from "../../collections.ts";
import type { WireDoc } from "../../protocol.ts";
import {
  NEW_ORDER,
  STOCK,
  USERS,
  at,
  orderAt,
  patch,
  step,
  type UserName,
} from "../test-support.ts";
import { checkWrite, mergeDocs, reviewPush } from "./api.ts";

const INTAKE = {
  outcome: "confirmed",
  stock: "held",
  held: [
    { productId: "p_plantain", qty: 2 },
    { productId: "p_rice", qty: 1 },
  ],
  itemsKey: "0123456789abcdef",
  processedAt: at(1),
};
const WAITING = {
  outcome: "needs_confirmation",
  reason: "PRICE_CHANGED",
  productIds: ["p_rice"],
  adjustments: [
    {
      productId: "p_rice",
      orderedXaf: 6500,
      currentXaf: 7500,
      honoured: false,
    },
  ],
  stock: "none",
  itemsKey: "0123456789abcdef",
  processedAt: at(1),
};
const DISPATCH = {
  action: "assigned",
  riderId: "rd_dla_01",
  reason: "NEAREST_AVAILABLE",
  at: at(5),
};
const HOLDS = {
  reserved: 3,
  reservations: [{ orderId: "ord_0001", qty: 3 }],
  deductedOrders: ["ord_0000"],
};

const confirmed = patch(NEW_ORDER, { intake: INTAKE });
const waiting = patch(NEW_ORDER, { intake: WAITING });
const held = patch(STOCK, HOLDS);

interface WriteRow {
  name: string;
  user: UserName;
  collection: CollectionName;
  before: WireDoc | undefined;
  after: WireDoc;
  code?: string;
}

const WRITES: WriteRow[] = [
  {
    name: "a customer's new order carries an intake record",
    user: "customer",
    collection: "orders",
    before: undefined,
    after: confirmed,
    code: "FORBIDDEN",
  },
  {
    name: "a customer rewrites intake's record",
    user: "customer",
    collection: "orders",
    before: waiting,
    after: patch(waiting, { intake: { ...WAITING, outcome: "confirmed" } }),
    code: "FORBIDDEN",
  },
  {
    name: "staff drop intake's record",
    user: "staff",
    collection: "orders",
    before: confirmed,
    after: patch(confirmed, { intake: undefined }),
    code: "FORBIDDEN",
  },
  {
    name: "staff write a dispatch note",
    user: "staff",
    collection: "orders",
    before: orderAt("ready"),
    after: patch(orderAt("ready"), { dispatch: DISPATCH }),
    code: "FORBIDDEN",
  },
  {
    name: "staff create a stock level with holds",
    user: "staff",
    collection: "stock",
    before: undefined,
    after: patch(STOCK, { reservations: HOLDS.reservations }),
    code: "FORBIDDEN",
  },
  {
    name: "staff clear the deduction guard",
    user: "staff",
    collection: "stock",
    before: held,
    after: patch(held, { deductedOrders: undefined }),
    code: "FORBIDDEN",
  },
  {
    name: "staff count the shelf of a level with holds",
    user: "staff",
    collection: "stock",
    before: held,
    after: patch(held, { onHand: 12, updatedAt: at(3) }),
  },
  {
    name: "the server records intake's decision",
    user: "server",
    collection: "orders",
    before: NEW_ORDER,
    after: confirmed,
  },
  {
    name: "the server holds units",
    user: "server",
    collection: "stock",
    before: STOCK,
    after: held,
  },
  {
    name: "the server writes an outcome intake does not know",
    user: "server",
    collection: "orders",
    before: NEW_ORDER,
    after: patch(NEW_ORDER, { intake: { ...INTAKE, outcome: "maybe" } }),
    code: "SCHEMA_VIOLATION",
  },
  {
    name: "the customer confirms the new price by re-pricing the line",
    user: "customer",
    collection: "orders",
    before: waiting,
    after: patch(waiting, {
      items: [
        { productId: "p_plantain", qty: 2, unitPriceXaf: 500 },
        { productId: "p_rice", qty: 1, unitPriceXaf: 7500 },
      ],
      totalXaf: 8500,
      updatedAt: at(2),
    }),
  },
];

describe("who writes the reconciliation fields", () => {
  it.each(WRITES)("$name", (row) => {
    const verdict = checkWrite(
      USERS[row.user],
      row.collection,
      row.before,
      row.after,
    );
    if (row.code === undefined) expect(verdict).toEqual({ ok: true });
    else expect(verdict).toMatchObject({ ok: false, code: row.code });
  });
});

describe("merges keep the server's fields", () => {
  it("a raced staff accept keeps intake's record", () => {
    const accepted = step(NEW_ORDER, "accepted", "staff", at(2));
    const merged = mergeDocs("orders", NEW_ORDER, accepted, confirmed);
    expect(merged).toMatchObject({ status: "accepted", intake: INTAKE });
  });

  it("a customer's offline cancel keeps the holds to release", () => {
    const cancel = step(NEW_ORDER, "cancelled", "customer", at(2));
    const review = reviewPush(
      USERS.customer,
      "orders",
      { assumedMasterState: NEW_ORDER, newDocumentState: cancel },
      confirmed,
    );
    expect(review).toMatchObject({
      ok: true,
      merged: true,
      doc: { status: "cancelled", intake: INTAKE },
    });
  });

  it("a raced shelf count adds its delta and keeps the holds", () => {
    const counted = patch(STOCK, { onHand: 15, updatedAt: at(3) });
    const merged = mergeDocs("stock", STOCK, counted, held);
    expect(merged).toMatchObject({ onHand: 15, ...HOLDS });
  });

  it("a rider's raced pickup keeps the dispatch note", () => {
    const ready = patch(orderAt("ready"), { dispatch: DISPATCH });
    const picked = step(orderAt("ready"), "picked_up", "rider", at(9));
    const merged = mergeDocs("orders", orderAt("ready"), picked, ready);
    expect(merged).toMatchObject({ status: "picked_up", dispatch: DISPATCH });
  });
});
