import { describe, expect, it } from "vitest";
import {
  businessProblems,
  checkWrite,
  type OrderDoc,
  type ProductDoc,
  type RiderDoc,
  type WireDoc,
} from "@okada/sync-rules";
import {
  advanced,
  fixAt,
  pendingOrder,
  readyFor,
  seededRandom,
} from "./orders.ts";

const products: ProductDoc[] = Array.from({ length: 10 }, (_, i) => ({
  id: `p_${i}`,
  storeId: "st_dla_akwa",
  name: { fr: `Produit ${i}`, en: `Product ${i}` },
  category: "grocery",
  priceXaf: 250 * (i + 1),
  unit: "piece",
  active: true,
  updatedAt: "2026-01-01T00:00:00.000Z",
}));

const wire = (doc: OrderDoc | RiderDoc): WireDoc => ({
  ...doc,
  _deleted: false,
});

function order(seed = 1): OrderDoc {
  return pendingOrder({
    customerId: "customer",
    storeId: "st_dla_akwa",
    products,
    itemCount: 4,
    createdAt: Date.parse("2026-01-01T08:00:00.000Z"),
    random: seededRandom(seed),
  });
}

const rider = { id: "rider", role: "rider", riderId: "rd_1" } as const;

describe("bench orders", () => {
  it("are the same for the same seed", () => {
    expect(order(7)).toEqual(order(7));
    expect(order(7).id).not.toBe(order(8).id);
  });

  it("keep the business rules, pending and ready", () => {
    const placed = order();
    expect(placed.items).toHaveLength(4);
    expect(businessProblems("orders", wire(placed))).toEqual([]);
    const ready = readyFor(placed, "staff", "rd_1", Date.now());
    expect(businessProblems("orders", wire(ready))).toEqual([]);
  });

  it("give the rider only writes the rules allow", () => {
    const ready = readyFor(order(), "staff", "rd_1", Date.now());
    const picked = advanced(ready, "picked_up", "rider", ready.updatedAt);
    const paid: OrderDoc = {
      ...picked,
      payment: { ...picked.payment, status: "paid" },
    };
    const delivered = advanced(paid, "delivered", "rider", paid.updatedAt);
    const steps = [ready, picked, paid, delivered];
    for (let i = 1; i < steps.length; i++) {
      const before = steps[i - 1];
      const after = steps[i];
      if (!before || !after) continue;
      expect(checkWrite(rider, "orders", wire(before), wire(after))).toEqual({
        ok: true,
      });
    }
  });

  it("move a rider's fix without breaking the schema", () => {
    const doc: RiderDoc = {
      id: "rd_1",
      name: "Rider",
      city: "Douala",
      phone: "+237650000000",
      availability: "available",
      updatedAt: "2026-01-01T00:00:00.000Z",
    };
    const fix = fixAt(doc, 12, "2026-01-01T09:00:00.000Z");
    expect(fix.location?.recordedAt).toBe("2026-01-01T09:00:00.000Z");
    expect(checkWrite(rider, "riders", wire(doc), wire(fix))).toEqual({
      ok: true,
    });
  });
});
