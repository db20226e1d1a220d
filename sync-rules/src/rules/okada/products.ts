/** Okada's products: each store's staff keep their own catalogue. */
import type { ProductDoc } from "../../schemas/products.ts";
import type { Wire } from "../define.ts";
import { defineRules } from "../define.ts";
import { scope, staffOf } from "./relations.ts";

export const productsRules = defineRules<Wire<ProductDoc>>({
  collection: "products",
  noun: "product",
  scopes: (product) => scope("catalogue", product.storeId),
  relations: { storeStaff: staffOf((product) => product.storeId) },
  create: [{ by: ["storeStaff"] }],
  fields: [
    {
      // Deactivating is `active: false`; only admins delete.
      paths: ["name", "category", "priceXaf", "unit", "active"],
      by: ["storeStaff"],
    },
  ],
  immutable: ["id", "storeId"],
});
