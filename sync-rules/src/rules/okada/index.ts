/** Okada's rule set: one definition per collection. */
import type { CollectionName } from "../../collections.ts";
import type { CollectionRules } from "../define.ts";
import { ordersRules } from "./orders.ts";
import { productsRules } from "./products.ts";
import { ridersRules } from "./riders.ts";
import { stockRules } from "./stock.ts";
import { storesRules } from "./stores.ts";

export const OKADA_RULES: Readonly<Record<CollectionName, CollectionRules>> = {
  stores: storesRules,
  products: productsRules,
  stock: stockRules,
  orders: ordersRules,
  riders: ridersRules,
};
