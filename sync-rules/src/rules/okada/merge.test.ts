/**
 * Okada's merges, one table row per strategy. Rows marked symmetric must
 * give the same document whichever side arrives first.
 */
import { describe, expect, it } from "vitest";
import type { CollectionName } from "../../collections.ts";
import type { WireDoc } from "../../protocol.ts";
import { canonicalJson } from "../../protocol.ts";
import { schemaProblems } from "../../validate.ts";
import {
  NEW_ORDER,
  PRODUCT,
  RIDER,
  STOCK,
  STORE,
  at,
  orderAt,
  patch,
  step,
} from "../test-support.ts";
import { businessProblems, mergeDocs, resolveConflict } from "./api.ts";

interface Row {
  name: string;
  collection: CollectionName;
  base: WireDoc | undefined;
  ours: WireDoc;
  theirs: WireDoc;
  expect: Readonly<Record<string, unknown>>;
  symmetric: boolean;
}

const pending = NEW_ORDER;
const accepted = orderAt("accepted");
const ready = orderAt("ready");
const pickedUp = orderAt("picked_up");
const newItems = {
  items: [{ productId: "p_plantain", qty: 5, unitPriceXaf: 500 }],
  totalXaf: 2500,
};
const fix = (minute: number, lat: number) => ({
  lat,
  lng: 9.7,
  accuracy: 8,
  recordedAt: at(minute),
});

const ROWS: Row[] = [
  {
    name: "stock: +5 and -2 on 10 give 13",
    collection: "stock",
    base: STOCK,
    ours: patch(STOCK, { onHand: 15, updatedAt: at(1) }),
    theirs: patch(STOCK, { onHand: 8, updatedAt: at(2) }),
    expect: { onHand: 13, updatedAt: at(2) },
    symmetric: true,
  },
  {
    name: "stock: concurrent decrements stop at zero",
    collection: "stock",
    base: STOCK,
    ours: patch(STOCK, { onHand: 3, updatedAt: at(1) }),
    theirs: patch(STOCK, { onHand: 2, updatedAt: at(2) }),
    expect: { onHand: 0 },
    symmetric: true,
  },
  {
    name: "stock: without a base the later count wins",
    collection: "stock",
    base: undefined,
    ours: patch(STOCK, { onHand: 15, updatedAt: at(3) }),
    theirs: patch(STOCK, { onHand: 8, updatedAt: at(2) }),
    expect: { onHand: 15, updatedAt: at(3) },
    symmetric: true,
  },
  {
    name: "stock: reserved is the server's, the master keeps it",
    collection: "stock",
    base: STOCK,
    ours: patch(STOCK, { onHand: 12, reserved: 0, updatedAt: at(3) }),
    theirs: patch(STOCK, { reserved: 4, updatedAt: at(2) }),
    expect: { onHand: 12, reserved: 4, updatedAt: at(3) },
    symmetric: false,
  },
  {
    name: "orders: cancel by the customer beats a concurrent accept",
    collection: "orders",
    base: pending,
    ours: step(pending, "accepted", "staff", at(2)),
    theirs: step(pending, "cancelled", "customer", at(1)),
    expect: {
      status: "cancelled",
      statusHistory: [
        { status: "pending", at: at(0), by: "customer" },
        { status: "cancelled", at: at(1), by: "customer" },
        { status: "accepted", at: at(2), by: "staff" },
      ],
      updatedAt: at(2),
    },
    symmetric: true,
  },
  {
    name: "orders: delivered beats a concurrent failure or cancel",
    collection: "orders",
    base: pickedUp,
    ours: step(pickedUp, "delivered", "rider", at(9)),
    theirs: step(pickedUp, "cancelled", "admin", at(8)),
    expect: { status: "delivered" },
    symmetric: true,
  },
  {
    name: "orders: a status never goes back",
    collection: "orders",
    base: accepted,
    ours: accepted,
    theirs: orderAt("ready"),
    expect: { status: "ready" },
    symmetric: true,
  },
  {
    name: "orders: history is a union without duplicates, sorted by time",
    collection: "orders",
    base: pending,
    ours: step(pending, "accepted", "staff", at(3)),
    theirs: step(pending, "accepted", "staff", at(3)),
    expect: {
      statusHistory: [
        { status: "pending", at: at(0), by: "customer" },
        { status: "accepted", at: at(3), by: "staff" },
      ],
    },
    symmetric: true,
  },
  {
    name: "orders: items stay as accepted, not as edited meanwhile",
    collection: "orders",
    base: pending,
    ours: patch(pending, { ...newItems, updatedAt: at(5) }),
    theirs: step(pending, "accepted", "staff", at(2)),
    expect: { status: "accepted", items: pending.items, totalXaf: 7500 },
    symmetric: true,
  },
  {
    // Ours reorders the lines (same total); theirs changes the total.
    // Merged field by field, ours' items would meet theirs' total.
    name: "orders: items and total travel together",
    collection: "orders",
    base: pending,
    ours: patch(pending, {
      items: [...pending.items].reverse(),
      updatedAt: at(5),
    }),
    theirs: patch(pending, { ...newItems, updatedAt: at(4) }),
    expect: { items: [...pending.items].reverse(), totalXaf: 7500 },
    symmetric: true,
  },
  {
    name: "orders: the rider who picked up stays the rider",
    collection: "orders",
    base: ready,
    ours: patch(ready, { riderId: "rd_dla_02", updatedAt: at(9) }),
    theirs: patch(step(ready, "picked_up", "rider", at(5)), {}),
    expect: { status: "picked_up", riderId: "rd_dla_01" },
    symmetric: true,
  },
  {
    name: "orders: payment method and status merge apart",
    collection: "orders",
    base: pending,
    ours: patch(pending, {
      payment: { method: "mtn_momo", status: "pending" },
      updatedAt: at(1),
    }),
    theirs: patch(pending, {
      payment: { method: "cash", status: "paid" },
      updatedAt: at(2),
    }),
    expect: { payment: { method: "mtn_momo", status: "paid" } },
    symmetric: true,
  },
  {
    name: "orders: both changed the address, the later writer wins",
    collection: "orders",
    base: pending,
    ours: patch(pending, {
      deliveryAddress: { text: "Bonapriso", city: "Douala" },
      updatedAt: at(4),
    }),
    theirs: patch(pending, {
      deliveryAddress: { text: "Bonamoussadi", city: "Douala" },
      updatedAt: at(3),
    }),
    expect: { deliveryAddress: { text: "Bonapriso", city: "Douala" } },
    symmetric: true,
  },
  {
    name: "orders: fields changed on one side each are both kept",
    collection: "orders",
    base: accepted,
    ours: patch(accepted, { riderId: "rd_dla_02", updatedAt: at(4) }),
    theirs: patch(step(accepted, "preparing", "staff", at(3)), {}),
    expect: { riderId: "rd_dla_02", status: "preparing", updatedAt: at(4) },
    symmetric: true,
  },
  {
    name: "orders: immutable fields keep the master's value",
    collection: "orders",
    base: pending,
    ours: patch(pending, { customerId: "cust_2", updatedAt: at(5) }),
    theirs: pending,
    expect: { customerId: "customer" },
    symmetric: false,
  },
  {
    name: "riders: the latest fix wins, whatever arrives last",
    collection: "riders",
    base: RIDER,
    ours: patch(RIDER, { location: fix(5, 4.1), updatedAt: at(9) }),
    theirs: patch(RIDER, { location: fix(7, 4.2), updatedAt: at(8) }),
    expect: { location: fix(7, 4.2), updatedAt: at(9) },
    symmetric: true,
  },
  {
    name: "riders: a fix beats no fix",
    collection: "riders",
    base: patch(RIDER, { location: undefined }),
    ours: patch(RIDER, { location: undefined, availability: "busy" }),
    theirs: patch(RIDER, { location: fix(2, 4.2), updatedAt: at(2) }),
    expect: { location: fix(2, 4.2), availability: "busy" },
    symmetric: true,
  },
  {
    name: "products: name and price changed apart are both kept",
    collection: "products",
    base: PRODUCT,
    ours: patch(PRODUCT, { priceXaf: 600, updatedAt: at(1) }),
    theirs: patch(PRODUCT, {
      name: { fr: "Plantain", en: "Plantain" },
      updatedAt: at(2),
    }),
    expect: { priceXaf: 600, name: { fr: "Plantain", en: "Plantain" } },
    symmetric: true,
  },
  {
    name: "stores: open and hours changed apart are both kept",
    collection: "stores",
    base: STORE,
    ours: patch(STORE, { open: false, updatedAt: at(1) }),
    theirs: patch(STORE, {
      hours: { opens: "08:00", closes: "20:00" },
      updatedAt: at(2),
    }),
    expect: { open: false, hours: { opens: "08:00", closes: "20:00" } },
    symmetric: true,
  },
  {
    name: "any: a deletion on the master wins",
    collection: "products",
    base: PRODUCT,
    ours: patch(PRODUCT, { priceXaf: 600, updatedAt: at(5) }),
    theirs: patch(PRODUCT, { _deleted: true, updatedAt: at(1) }),
    expect: { _deleted: true },
    symmetric: true,
  },
];

describe("Okada merges", () => {
  it.each(ROWS)("$name", (row) => {
    const merged = mergeDocs(row.collection, row.base, row.ours, row.theirs);
    expect(merged).toMatchObject(row.expect);
    if (!merged._deleted) {
      expect(schemaProblems(row.collection, merged)).toEqual([]);
      expect(businessProblems(row.collection, merged)).toEqual([]);
    }
    if (row.symmetric) {
      const other = mergeDocs(row.collection, row.base, row.theirs, row.ours);
      expect(canonicalJson(other)).toBe(canonicalJson(merged));
    }
  });

  it.each(ROWS)("resolveConflict is mergeDocs: $name", (row) => {
    const input = {
      newDocumentState: row.ours,
      realMasterState: row.theirs,
      ...(row.base === undefined ? {} : { assumedMasterState: row.base }),
    };
    expect(resolveConflict(row.collection, input)).toEqual(
      mergeDocs(row.collection, row.base, row.ours, row.theirs),
    );
  });

  it("does not touch its inputs", () => {
    const ours = step(pending, "accepted", "staff", at(2));
    const theirs = step(pending, "cancelled", "customer", at(1));
    const before = JSON.stringify([ours, theirs]);
    const merged = mergeDocs("orders", pending, ours, theirs);
    (merged["statusHistory"] as unknown[]).push("x");
    expect(JSON.stringify([ours, theirs])).toBe(before);
  });

  it("keeps the master's tombstone over a concurrent edit", () => {
    const deleted = patch(PRODUCT, { _deleted: true });
    expect(mergeDocs("products", PRODUCT, deleted, PRODUCT)).toEqual(deleted);
  });
});
