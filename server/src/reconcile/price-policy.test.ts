import { describe, expect, it } from "vitest";
import { priceAdjustments } from "./price-policy.ts";
import { product } from "./test-docs.ts";

const tolerance = { priceTolerancePercent: 5, priceToleranceXaf: 500 };

describe("price policy (5 % of the line or 500 XAF)", () => {
  it.each([
    { name: "unchanged", qty: 1, saw: 1000, now: 1000, moved: false },
    { name: "fell", qty: 3, saw: 1000, now: 800, moved: true, ok: true },
    {
      name: "rose 500 XAF on a cheap line",
      qty: 1,
      saw: 450,
      now: 950,
      moved: true,
      ok: true,
    },
    {
      name: "rose 501 XAF on a cheap line",
      qty: 1,
      saw: 450,
      now: 951,
      moved: true,
      ok: false,
    },
    {
      name: "rose 5 % of a dear line",
      qty: 2,
      saw: 20_000,
      now: 21_000,
      moved: true,
      ok: true,
    },
    {
      name: "rose over 5 % of a dear line",
      qty: 2,
      saw: 20_000,
      now: 21_050,
      moved: true,
      ok: false,
    },
    {
      name: "a small rise times many units",
      qty: 10,
      saw: 1000,
      now: 1060,
      moved: true,
      ok: false,
    },
  ])("$name", (row) => {
    const products = new Map([["p1", product("p1", row.now)]]);
    const items = [{ productId: "p1", qty: row.qty, unitPriceXaf: row.saw }];
    const adjustments = priceAdjustments(items, products, tolerance);
    if (!row.moved) {
      expect(adjustments).toEqual([]);
      return;
    }
    expect(adjustments).toEqual([
      {
        productId: "p1",
        orderedXaf: row.saw,
        currentXaf: row.now,
        honoured: row.ok,
      },
    ]);
  });
});
