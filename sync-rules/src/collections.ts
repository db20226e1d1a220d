import type { CollectionSchema } from "./schemas/common.ts";
import { ordersSchema } from "./schemas/orders.ts";
import { productsSchema } from "./schemas/products.ts";
import { ridersSchema } from "./schemas/riders.ts";
import { stockSchema } from "./schemas/stock.ts";
import { storesSchema } from "./schemas/stores.ts";

export const COLLECTION_NAMES = [
  "stores",
  "products",
  "stock",
  "orders",
  "riders",
] as const;
export type CollectionName = (typeof COLLECTION_NAMES)[number];

export interface CollectionDefinition {
  name: CollectionName;
  schema: CollectionSchema;
  /** Operation suffix in GraphQL: `pull<Plural>`, `push<Plural>`. */
  graphqlPlural: string;
  /** GraphQL object type of one document. */
  graphqlType: string;
}

export const COLLECTIONS: Readonly<
  Record<CollectionName, CollectionDefinition>
> = {
  stores: {
    name: "stores",
    schema: storesSchema,
    graphqlPlural: "Stores",
    graphqlType: "Store",
  },
  products: {
    name: "products",
    schema: productsSchema,
    graphqlPlural: "Products",
    graphqlType: "Product",
  },
  stock: {
    name: "stock",
    schema: stockSchema,
    graphqlPlural: "Stock",
    graphqlType: "StockLevel",
  },
  orders: {
    name: "orders",
    schema: ordersSchema,
    graphqlPlural: "Orders",
    graphqlType: "Order",
  },
  riders: {
    name: "riders",
    schema: ridersSchema,
    graphqlPlural: "Riders",
    graphqlType: "Rider",
  },
};

export function isCollectionName(value: unknown): value is CollectionName {
  return (
    typeof value === "string" &&
    (COLLECTION_NAMES as readonly string[]).includes(value)
  );
}
