import { describe, expect, it } from "vitest";
import { OkadaError } from "./errors.ts";
import { assertValidDoc, schemaProblems } from "./validate.ts";

const product = {
  id: "p1",
  storeId: "st_dla_akwa",
  name: { fr: "Plantain mûr", en: "Ripe plantain" },
  category: "fruits-legumes",
  priceXaf: 500,
  unit: "kg",
  active: true,
  updatedAt: "2026-01-01T00:00:00.000Z",
  _deleted: false,
};

describe("schema validation", () => {
  it("accepts a valid product", () => {
    expect(schemaProblems("products", product)).toEqual([]);
  });

  it.each([
    ["a fractional price", { priceXaf: 10.5 }],
    ["a negative price", { priceXaf: -1 }],
    ["a missing English name", { name: { fr: "x" } }],
    ["an unknown field", { colour: "red" }],
    ["a local time", { updatedAt: "2026-01-01 10:00" }],
    ["a non-boolean _deleted", { _deleted: "no" }],
  ])("refuses %s", (_what, patch) => {
    expect(schemaProblems("products", { ...product, ...patch })).not.toEqual(
      [],
    );
  });

  it("refuses non-objects", () => {
    expect(schemaProblems("products", null)).toHaveLength(1);
    expect(schemaProblems("products", [product])).toHaveLength(1);
  });

  it("throws SCHEMA_VIOLATION with the problems listed", () => {
    try {
      assertValidDoc("products", { ...product, priceXaf: "cheap" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OkadaError);
      const e = error as OkadaError;
      expect(e.code).toBe("SCHEMA_VIOLATION");
      expect(e.status).toBe(422);
      expect(e.message).toContain("priceXaf");
    }
  });

  it("checks orders: quantities are positive integers", () => {
    const order = {
      id: "ord_1",
      customerId: "customer",
      storeId: "st_dla_akwa",
      items: [{ productId: "p1", qty: 0, unitPriceXaf: 500 }],
      totalXaf: 0,
      deliveryAddress: { text: "Rue de la Joie", city: "Douala" },
      payment: { method: "cash", status: "pending" },
      status: "pending",
      statusHistory: [],
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
    };
    expect(schemaProblems("orders", order).join()).toContain("qty");
    const ok = { ...order, items: [{ ...order.items[0], qty: 2 }] };
    expect(schemaProblems("orders", ok)).toEqual([]);
  });
});
