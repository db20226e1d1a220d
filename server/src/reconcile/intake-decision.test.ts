import { describe, expect, it } from "vitest";
import type { ProductDoc, StockDoc, StoreDoc } from "@okada/sync-rules";
import { decideIntake, decideLate } from "./intake-decision.ts";
import { STORE, at, order, product, stock } from "./test-docs.ts";

const policy = {
  priceTolerancePercent: 5,
  priceToleranceXaf: 500,
  storeUtcOffsetMinutes: 60,
};

interface Row {
  name: string;
  store?: StoreDoc | undefined;
  products?: ProductDoc[];
  stock?: StockDoc[];
  items?: [string, number, number][];
  when?: Date;
  expect: Record<string, unknown>;
}

const rice = product("rice", 6500);
const oil = product("oil", 1800);
const shelves = [stock("rice", 5), stock("oil", 2)];

const ROWS: Row[] = [
  {
    name: "everything there: confirmed, units to hold",
    expect: {
      outcome: "confirmed",
      hold: [
        { productId: "oil", qty: 1 },
        { productId: "rice", qty: 2 },
      ],
      adjustments: [],
    },
  },
  {
    name: "store switched off",
    store: { ...STORE, open: false },
    expect: { outcome: "rejected", reason: "STORE_CLOSED" },
  },
  {
    name: "after closing time",
    when: new Date(Date.UTC(2026, 11, 1, 21, 30)),
    expect: { outcome: "rejected", reason: "STORE_CLOSED" },
  },
  {
    name: "unknown store",
    store: undefined,
    expect: { outcome: "rejected", reason: "STORE_CLOSED" },
  },
  {
    name: "a product switched off",
    products: [rice, { ...oil, active: false }],
    expect: {
      outcome: "rejected",
      reason: "PRODUCT_UNAVAILABLE",
      productIds: ["oil"],
    },
  },
  {
    name: "a product of another store",
    products: [rice, { ...oil, storeId: "st_b" }],
    expect: { outcome: "rejected", productIds: ["oil"] },
  },
  {
    name: "a product that does not exist",
    products: [rice],
    expect: { outcome: "rejected", reason: "PRODUCT_UNAVAILABLE" },
  },
  {
    name: "other orders hold the last units",
    stock: [stock("rice", 5, { ord_0: 4 }), stock("oil", 2)],
    expect: {
      outcome: "rejected",
      reason: "OUT_OF_STOCK",
      productIds: ["rice"],
      message: expect.stringContaining("Product rice (1 left, 2 ordered)"),
    },
  },
  {
    name: "its own hold counts as available",
    stock: [stock("rice", 2, { ord_1: 2 }), stock("oil", 1)],
    expect: { outcome: "confirmed" },
  },
  {
    name: "no stock level at all",
    stock: [stock("rice", 5)],
    expect: { outcome: "rejected", reason: "OUT_OF_STOCK" },
  },
  {
    name: "a price rise within the tolerance is honoured",
    products: [product("rice", 6800), oil],
    expect: {
      outcome: "confirmed",
      adjustments: [
        {
          productId: "rice",
          orderedXaf: 6500,
          currentXaf: 6800,
          honoured: true,
        },
      ],
    },
  },
  {
    name: "a price rise beyond it waits for the customer",
    products: [product("rice", 7500), oil],
    expect: {
      outcome: "needs_confirmation",
      adjustments: [
        {
          productId: "rice",
          orderedXaf: 6500,
          currentXaf: 7500,
          honoured: false,
        },
      ],
    },
  },
  {
    name: "out of stock beats a price rise",
    products: [product("rice", 7500), oil],
    stock: [stock("rice", 1), stock("oil", 2)],
    expect: { outcome: "rejected", reason: "OUT_OF_STOCK" },
  },
];

describe("intake decisions", () => {
  it.each(ROWS)("$name", (row) => {
    const products = row.products ?? [rice, oil];
    const levels = row.stock ?? shelves;
    const decision = decideIntake({
      order: order(
        row.items ?? [
          ["rice", 2, 6500],
          ["oil", 1, 1800],
        ],
      ),
      store: "store" in row ? row.store : STORE,
      products: new Map(products.map((p) => [p.id, p])),
      stock: new Map(levels.map((s) => [s.productId, s])),
      at: row.when ?? at(0),
      policy,
    });
    expect(decision).toMatchObject(row.expect);
  });

  it("keeps a rejection message within the schema's 240 characters", () => {
    const items: [string, number, number][] = Array.from(
      { length: 30 },
      (_, i) => [`product-with-a-long-name-${i}`, 1, 100],
    );
    const decision = decideIntake({
      order: order(items),
      store: STORE,
      products: new Map(),
      stock: new Map(),
      at: at(0),
      policy,
    });
    expect(decision.outcome).toBe("rejected");
    if (decision.outcome === "rejected") {
      expect(decision.message.length).toBeLessThanOrEqual(240);
    }
  });

  it("a late decision holds what the shelf has, or records the shortage", () => {
    const late = order([["rice", 2, 6500]], { status: "accepted" });
    const full = new Map([["rice", stock("rice", 5)]]);
    const empty = new Map([["rice", stock("rice", 1)]]);
    expect(decideLate({ order: late, stock: full })).toMatchObject({
      outcome: "confirmed",
      hold: [{ productId: "rice", qty: 2 }],
    });
    expect(decideLate({ order: late, stock: empty })).toEqual({
      outcome: "short",
      productIds: ["rice"],
    });
  });
});
