import type { CollectionSchema } from "./common.ts";
import { idField, text, timestampField, xafField } from "./common.ts";

export interface ProductDoc {
  id: string;
  storeId: string;
  name: { fr: string; en: string };
  category: string;
  priceXaf: number;
  unit: string;
  active: boolean;
  updatedAt: string;
}

export const productsSchema = {
  title: "products",
  version: 0,
  primaryKey: "id",
  type: "object",
  properties: {
    id: idField,
    storeId: idField,
    name: {
      type: "object",
      properties: { fr: text(160), en: text(160) },
      required: ["fr", "en"],
      additionalProperties: false,
    },
    category: text(40),
    priceXaf: xafField,
    unit: text(20),
    active: { type: "boolean" },
    updatedAt: timestampField,
  },
  required: [
    "id",
    "storeId",
    "name",
    "category",
    "priceXaf",
    "unit",
    "active",
    "updatedAt",
  ],
  additionalProperties: false,
  indexes: ["storeId"],
} as const satisfies CollectionSchema;
