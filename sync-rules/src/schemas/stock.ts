import type { CollectionSchema } from "./common.ts";
import { idField, timestampField } from "./common.ts";

/** Units held for one order; server-owned. */
export interface StockHold {
  orderId: string;
  qty: number;
}

export interface StockDoc {
  /** `<storeId>:<productId>` */
  id: string;
  storeId: string;
  productId: string;
  onHand: number;
  /**
   * Units held for orders intake confirmed; written by the server only.
   * Always the sum of `reservations`.
   */
  reserved: number;
  /**
   * The holds behind `reserved`, one per order, sorted by order ID;
   * server-owned. Keyed by order so that holding again is harmless.
   */
  reservations?: StockHold[];
  /**
   * The latest orders whose units were taken off `onHand` on delivery;
   * server-owned. Guards that deduction against a replay.
   */
  deductedOrders?: string[];
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
    reservations: {
      type: "array",
      maxItems: 1000,
      items: {
        type: "object",
        properties: {
          orderId: idField,
          qty: { type: "integer", minimum: 1, maximum: 100_000 },
        },
        required: ["orderId", "qty"],
        additionalProperties: false,
      },
    },
    deductedOrders: { type: "array", maxItems: 32, items: idField },
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
