/**
 * Who may write orders, asked of a real server over GraphQL: creates,
 * each field group, deletes and every edge of the status machine, each
 * pushed by each of the eight actors. Every order belongs to the demo
 * customer and store st_dla_akwa, and from `accepted` on is assigned to
 * rd_dla_01. Columns: customer, customer2, customerYde, staff
 * (st_dla_akwa), staffYde, rider (rd_dla_01), rider2 (rd_dla_02), admin.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDER_EDGES, type OrderStatus, type WireDoc } from "@okada/sync-rules";
import { startTestServer } from "@okada/test-tools";
import {
  directoryOf,
  later,
  newOrder,
  orderAt,
  runWriteCase,
  seedWriteFixtures,
  signInActors,
  step,
  writeCases,
  type Expected,
  type WriteContext,
  type WriteBench,
  type WriteRow,
} from "./rules-test-support.ts";

const ADMIN_ONLY: Expected = ["F", "F", "F", "F", "F", "F", "F", "ok"];
const OWNER_WHILE_PENDING: Expected = [
  "ok",
  "F",
  "F",
  "F",
  "F",
  "F",
  "F",
  "ok",
];
/** Locked fields bind everyone related to the order, admins included. */
const FROZEN: Expected = ["IF", "F", "F", "IF", "F", "IF", "F", "IF"];
const NOBODY: Expected = ["F", "F", "F", "F", "F", "F", "F", "F"];
const ALL_SV: Expected = ["SV", "SV", "SV", "SV", "SV", "SV", "SV", "SV"];

/** Edge columns: a relation without the edge is INVALID_TRANSITION. */
const STAFF_EDGE_UNASSIGNED: Expected = [
  "IT",
  "F",
  "F",
  "ok",
  "F",
  "F",
  "F",
  "ok",
];
const STAFF_EDGE: Expected = ["IT", "F", "F", "ok", "F", "IT", "F", "ok"];
const RIDER_EDGE: Expected = ["IT", "F", "F", "IT", "F", "ok", "F", "ok"];
const CUSTOMER_EDGE: Expected = ["ok", "F", "F", "IT", "F", "F", "F", "ok"];

function fixture(status: OrderStatus) {
  return (key: string) => orderAt(status, { id: `ord_${status}_${key}` });
}

/** The master with `fields` changed, recorded now. */
function edit(fields: Record<string, unknown>) {
  return (before: WireDoc | undefined): WireDoc => ({
    ...(before as WireDoc),
    ...fields,
    updatedAt: later(),
  });
}

/** The master moved to `to` by whoever pushes, with its history event. */
function move(to: OrderStatus) {
  return (before: WireDoc | undefined, { actor }: WriteContext) =>
    step(before as WireDoc, to, actor.user.id, later());
}

function created(change: (order: WireDoc, context: WriteContext) => object) {
  return (_: WireDoc | undefined, context: WriteContext): WireDoc => {
    const order = newOrder({ id: `ord_new_${context.key}` }, later());
    return { ...order, ...change(order, context) };
  };
}

const NEW_ITEMS = {
  items: [{ productId: "p_dla_akwa_0003", qty: 3, unitPriceXaf: 450 }],
  totalXaf: 1350,
};

const FIELD_ROWS: WriteRow[] = [
  {
    name: "create for the demo customer",
    collection: "orders",
    after: created(() => ({})),
    expected: OWNER_WHILE_PENDING,
  },
  {
    name: "create for oneself",
    collection: "orders",
    after: created((order, { actor }) => ({
      customerId: actor.user.id,
      statusHistory: [
        { status: "pending", at: order["createdAt"], by: actor.user.id },
      ],
    })),
    expected: ["ok", "ok", "ok", "F", "F", "F", "F", "ok"],
  },
  {
    name: "create already accepted",
    collection: "orders",
    after: created((order) =>
      step(order, "accepted", "customer", String(order["createdAt"])),
    ),
    expected: ["IT", "F", "F", "F", "F", "F", "F", "ok"],
  },
  {
    name: "create with a rider",
    collection: "orders",
    after: created(() => ({ riderId: "rd_dla_01" })),
    expected: ["F", "F", "F", "F", "F", "F", "F", "ok"],
  },
  {
    name: "create with a total that is not the sum of its items",
    collection: "orders",
    after: created(() => ({ totalXaf: 1000 })),
    expected: ["BR", "F", "F", "F", "F", "F", "F", "BR"],
  },
  {
    name: "create with a quantity of zero",
    collection: "orders",
    after: created(() => ({
      items: [{ productId: "p_dla_akwa_0003", qty: 0, unitPriceXaf: 450 }],
      totalXaf: 0,
    })),
    expected: ALL_SV,
  },
  {
    name: "items while pending",
    collection: "orders",
    before: fixture("pending"),
    after: edit(NEW_ITEMS),
    expected: OWNER_WHILE_PENDING,
  },
  {
    name: "deliveryAddress while pending",
    collection: "orders",
    before: fixture("pending"),
    after: edit({ deliveryAddress: { text: "Bonapriso", city: "Douala" } }),
    expected: OWNER_WHILE_PENDING,
  },
  {
    name: "payment.method while pending",
    collection: "orders",
    before: fixture("pending"),
    after: edit({ payment: { method: "orange_money", status: "pending" } }),
    expected: OWNER_WHILE_PENDING,
  },
  {
    name: "items once accepted",
    collection: "orders",
    before: fixture("accepted"),
    after: edit(NEW_ITEMS),
    expected: FROZEN,
  },
  {
    name: "payment.status",
    collection: "orders",
    before: fixture("accepted"),
    after: edit({ payment: { method: "mtn_momo", status: "paid" } }),
    expected: ["F", "F", "F", "ok", "F", "ok", "F", "ok"],
  },
  {
    name: "riderId while accepted",
    collection: "orders",
    before: fixture("accepted"),
    after: edit({ riderId: "rd_dla_02" }),
    expected: ["F", "F", "F", "ok", "F", "F", "F", "ok"],
  },
  {
    name: "riderId once picked up",
    collection: "orders",
    before: fixture("picked_up"),
    after: edit({ riderId: "rd_dla_02" }),
    expected: FROZEN,
  },
  {
    name: "rejectionReason without rejecting",
    collection: "orders",
    before: fixture("accepted"),
    after: edit({ rejectionReason: "No reason" }),
    expected: ["F", "F", "F", "BR", "F", "F", "F", "ok"],
  },
  {
    name: "customerId",
    collection: "orders",
    before: fixture("pending"),
    after: edit({ customerId: "customer2" }),
    expected: ["IF", "F", "F", "IF", "F", "F", "F", "IF"],
  },
  {
    name: "formerRiderIds (server-owned)",
    collection: "orders",
    before: fixture("accepted"),
    after: edit({ formerRiderIds: ["rd_dla_03"] }),
    expected: NOBODY,
  },
  {
    name: "delete",
    collection: "orders",
    before: fixture("accepted"),
    after: edit({ _deleted: true }),
    expected: ADMIN_ONLY,
  },
];

const EDGE_EXPECTATIONS: Record<string, Expected> = {
  "pending->accepted": STAFF_EDGE_UNASSIGNED,
  "pending->rejected": STAFF_EDGE_UNASSIGNED,
  "pending->cancelled": CUSTOMER_EDGE,
  "accepted->preparing": STAFF_EDGE,
  "accepted->cancelled": STAFF_EDGE,
  "preparing->ready": STAFF_EDGE,
  "preparing->cancelled": STAFF_EDGE,
  "ready->picked_up": RIDER_EDGE,
  "picked_up->delivered": RIDER_EDGE,
  "picked_up->failed": RIDER_EDGE,
};

function edgeRow(from: OrderStatus, to: OrderStatus): WriteRow {
  const expected = EDGE_EXPECTATIONS[`${from}->${to}`];
  if (!expected) throw new RangeError(`no expectation for ${from}->${to}`);
  return {
    name: `${from} -> ${to}`,
    collection: "orders",
    before: fixture(from),
    after: move(to),
    expected,
  };
}

/** Steps that are no edge at all: refused even for admins. */
const NON_EDGE_ROWS: WriteRow[] = [
  {
    name: "ready -> cancelled (no such edge)",
    collection: "orders",
    before: fixture("ready"),
    after: move("cancelled"),
    expected: ["IT", "F", "F", "IT", "F", "IT", "F", "IT"],
  },
  {
    name: "delivered -> failed (final status)",
    collection: "orders",
    before: fixture("delivered"),
    after: move("failed"),
    expected: ["IT", "F", "F", "IT", "F", "IT", "F", "IT"],
  },
];

const ROWS = [
  ...FIELD_ROWS,
  ...ORDER_EDGES.map((edge) => edgeRow(edge.from, edge.to)),
  ...NON_EDGE_ROWS,
];
const CASES = writeCases(ROWS);
let bench: WriteBench;

beforeAll(async () => {
  const ts = await startTestServer({ seed: true, pollTimeoutMs: 1000 });
  bench = {
    ts,
    actors: await signInActors(ts),
    directory: await directoryOf(ts),
  };
  await seedWriteFixtures(ts, CASES);
});

afterAll(async () => {
  await bench?.ts.close();
});

describe("order writes over GraphQL", () => {
  it("has a row for every edge of the order state machine", () => {
    expect(Object.keys(EDGE_EXPECTATIONS).sort()).toEqual(
      ORDER_EDGES.map((edge) => `${edge.from}->${edge.to}`).sort(),
    );
  });

  it.each(CASES.map((c) => [c.title, c] as const))("%s", async (_, c) => {
    await runWriteCase(bench, c);
  });
});
