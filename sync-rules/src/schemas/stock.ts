import type { CollectionSchema } from "./common.ts";
import { idField, timestampField } from "./common.ts";

export interface StockDoc {
  /** `<storeId>:<productId>` */
  id: string;
  storeId: string;
  productId: string;
  onHand: number;
  /** Units held for accepted orders; written by the server only. */
  reserved: number;
  /**
   * Fingerprints of the last merged adjustments; server-owned. A counter
   * delta is not idempotent, so a replayed push is recognised here.
   */
  appliedWrites?: string[];
  updatedAt: string;
}

const count = { type: "integer", minimum: 0, maximum: 1_000_000 } as const;

export const stockSchema = {
  title: "stock",
  version: 0,
  primaryKey: "id",
  type: "object",
  properties: {
    id: { type: "string", maxLength: 161, minLength: 3 },
    storeId: idField,
    productId: idField,
    onHand: count,
    reserved: count,
    appliedWrites: {
      type: "array",
      maxItems: 32,
      items: { type: "string", maxLength: 32 },
    },
    updatedAt: timestampField,
  },
  required: ["id", "storeId", "productId", "onHand", "reserved", "updatedAt"],
  additionalProperties: false,
  indexes: ["storeId"],
} as const satisfies CollectionSchema;
