/**
 * Deciding pushed rows against the master, as the server does: plain
 * writes, replays, raced writes that merge, and raced writes that must
 * be refused.
 */
import { describe, expect, it } from "vitest";
import type { CollectionName } from "../../collections.ts";
import type { ErrorCode } from "../../errors.ts";
import type { WireDoc } from "../../protocol.ts";
import type { PushReview } from "../push-review.ts";
import type { UserName } from "../test-support.ts";
import {
  NEW_ORDER,
  PRODUCT,
  RIDER,
  STOCK,
  USERS,
  at,
  orderAt,
  patch,
  step,
} from "../test-support.ts";
import { reviewPush } from "./api.ts";

interface Row {
  name: string;
  user: UserName;
  collection: CollectionName;
  assumed: WireDoc | undefined;
  next: WireDoc;
  master: WireDoc | undefined;
  expected: "written" | "merged" | "kept" | ErrorCode;
  doc?: Readonly<Record<string, unknown>>;
}

const ready = orderAt("ready");
const pickedUpBy = (order: typeof ready) =>
  step(order, "picked_up", "rider", at(10));

const ROWS: Row[] = [
  {
    name: "a new document is checked as a create",
    user: "customer",
    collection: "orders",
    assumed: undefined,
    next: NEW_ORDER,
    master: undefined,
    expected: "written",
  },
  {
    name: "a create the rules refuse",
    user: "otherCustomer",
    collection: "orders",
    assumed: undefined,
    next: NEW_ORDER,
    master: undefined,
    expected: "FORBIDDEN",
  },
  {
    name: "a replay of the stored state writes nothing",
    user: "staff",
    collection: "stock",
    assumed: STOCK,
    next: patch(STOCK, { onHand: 15 }),
    master: patch(STOCK, { onHand: 15 }),
    expected: "kept",
  },
  {
    name: "a write from the current master is checked as it is",
    user: "staff",
    collection: "stock",
    assumed: STOCK,
    next: patch(STOCK, { onHand: 15, updatedAt: at(1) }),
    master: STOCK,
    expected: "written",
  },
  {
    name: "a write from the current master the rules refuse",
    user: "customer",
    collection: "stock",
    assumed: STOCK,
    next: patch(STOCK, { onHand: 15, updatedAt: at(1) }),
    master: STOCK,
    expected: "FORBIDDEN",
  },
  {
    name: "a late location fix from the current master keeps the newer one",
    user: "rider",
    collection: "riders",
    assumed: RIDER,
    next: patch(RIDER, {
      location: { lat: 4.1, lng: 9.7, accuracy: 9, recordedAt: at(-5) },
      availability: "busy",
      updatedAt: at(6),
    }),
    master: RIDER,
    expected: "merged",
    doc: { location: RIDER.location, availability: "busy" },
  },
  {
    name: "a raced stock adjustment merges as a delta",
    user: "staff",
    collection: "stock",
    assumed: STOCK,
    next: patch(STOCK, { onHand: 15, updatedAt: at(1) }),
    master: patch(STOCK, { onHand: 8, updatedAt: at(2) }),
    expected: "merged",
    doc: { onHand: 13 },
  },
  {
    name: "a raced pickup by a rider who was reassigned meanwhile",
    user: "rider",
    collection: "orders",
    assumed: ready,
    next: pickedUpBy(ready),
    master: patch(ready, { riderId: "rd_dla_02", updatedAt: at(9) }),
    expected: "FORBIDDEN",
  },
  {
    name: "a raced pickup while staff changed the payment",
    user: "rider",
    collection: "orders",
    assumed: ready,
    next: pickedUpBy(ready),
    master: patch(ready, {
      payment: { method: "cash", status: "paid" },
      updatedAt: at(9),
    }),
    expected: "merged",
    doc: { status: "picked_up", payment: { method: "cash", status: "paid" } },
  },
  {
    name: "an assumed state the master never held",
    user: "rider",
    collection: "orders",
    assumed: ready,
    next: pickedUpBy(ready),
    master: orderAt("preparing"),
    expected: "BAD_REQUEST",
  },
  {
    name: "a raced edit of a deleted document adopts the tombstone",
    user: "staff",
    collection: "products",
    assumed: PRODUCT,
    next: patch(PRODUCT, { priceXaf: 600, updatedAt: at(3) }),
    master: patch(PRODUCT, { _deleted: true, updatedAt: at(2) }),
    expected: "merged",
    doc: { _deleted: true, priceXaf: 500 },
  },
  {
    name: "a create over a tombstone is a create",
    user: "staff",
    collection: "products",
    assumed: undefined,
    next: patch(PRODUCT, { updatedAt: at(3) }),
    master: patch(PRODUCT, { _deleted: true, updatedAt: at(2) }),
    expected: "written",
  },
  {
    name: "two staff tablets create the same stock level",
    user: "staff",
    collection: "stock",
    assumed: undefined,
    next: patch(STOCK, { onHand: 12, updatedAt: at(3) }),
    master: patch(STOCK, { onHand: 9, updatedAt: at(2) }),
    expected: "merged",
    doc: { onHand: 12 },
  },
  {
    name: "a replayed create after the store moved the order on",
    user: "customer",
    collection: "orders",
    assumed: undefined,
    next: NEW_ORDER,
    master: orderAt("accepted"),
    expected: "merged",
    doc: orderAt("accepted"),
  },
  {
    name: "a replayed create with a clock set ahead changes nothing",
    user: "customer",
    collection: "orders",
    assumed: undefined,
    next: patch(NEW_ORDER, { updatedAt: at(999) }),
    master: patch(orderAt("accepted"), {
      payment: { method: "cash", status: "paid" },
    }),
    expected: "FORBIDDEN",
  },
  {
    name: "a create racing with a document in another store",
    user: "otherStaff",
    collection: "products",
    assumed: undefined,
    next: patch(PRODUCT, { storeId: "st_yde_bastos", updatedAt: at(3) }),
    master: PRODUCT,
    expected: "FORBIDDEN",
  },
];

function outcome(review: PushReview, master: WireDoc | undefined) {
  if (!review.ok) return review.code;
  if (review.merged) return "merged";
  return master !== undefined && review.doc === master ? "kept" : "written";
}

describe("reviewPush", () => {
  it.each(ROWS)("$name", (row) => {
    const review = reviewPush(
      USERS[row.user],
      row.collection,
      { assumedMasterState: row.assumed ?? null, newDocumentState: row.next },
      row.master,
    );
    expect(outcome(review, row.master)).toBe(row.expected);
    if (review.ok && row.doc !== undefined) {
      expect(review.doc).toMatchObject(row.doc);
    }
    if (!review.ok) expect(review.message).toMatch(/\.$/);
  });

  it("writes the pushed state itself when nothing raced", () => {
    const next = patch(STOCK, { onHand: 15, updatedAt: at(1) });
    const review = reviewPush(
      USERS.staff,
      "stock",
      { assumedMasterState: STOCK, newDocumentState: next },
      STOCK,
    );
    expect(review).toEqual({ ok: true, doc: next, merged: false });
  });
});
