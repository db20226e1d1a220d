/**
 * Okada's stock levels: staff count what is on the shelf; the server
 * alone reserves units for orders.
 */
import { stockIdOf } from "../../ids.ts";
import type { StockDoc } from "../../schemas/stock.ts";
import { stockSchema } from "../../schemas/stock.ts";
import type { Wire } from "../define.ts";
import { defineRules } from "../define.ts";
import { counter } from "../merge-strategies.ts";
import { scope, staffOf } from "./relations.ts";

const onHand = stockSchema.properties.onHand;

export const stockRules = defineRules<Wire<StockDoc>>({
  collection: "stock",
  noun: "stock level",
  scopes: (stock) => scope("catalogue", stock.storeId),
  relations: { storeStaff: staffOf((stock) => stock.storeId) },
  create: [{ by: ["storeStaff"] }],
  fields: [{ paths: ["onHand"], by: ["storeStaff"] }],
  immutable: ["id", "storeId", "productId"],
  // Holds for orders and the replay guard of delivery deductions are
  // the server's (server/src/reconcile); `reserved` is their sum.
  serverOwned: [
    { path: "reserved", initial: 0 },
    { path: "reservations" },
    { path: "deductedOrders" },
    { path: "appliedWrites" },
  ],
  invariants: (stock) => {
    const id = stockIdOf(stock.storeId, stock.productId);
    return stock.id === id ? [] : [`Its id must be "${id}".`];
  },
  merge: [
    {
      paths: ["onHand"],
      strategy: counter({ min: onHand.minimum, max: onHand.maximum }),
    },
  ],
});
