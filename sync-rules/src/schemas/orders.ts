import type { CollectionSchema } from "./common.ts";
import { idField, text, timestampField, xafField } from "./common.ts";

export const ORDER_STATUSES = [
  "pending",
  "accepted",
  "rejected",
  "preparing",
  "ready",
  "picked_up",
  "delivered",
  "failed",
  "cancelled",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PAYMENT_METHODS = ["cash", "mtn_momo", "orange_money"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_STATUSES = [
  "pending",
  "paid",
  "failed",
  "refunded",
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface OrderItem {
  productId: string;
  qty: number;
  unitPriceXaf: number;
}

export interface StatusEvent {
  status: OrderStatus;
  /** The client's recorded time of the change. */
  at: string;
  by: string;
}

export interface OrderDoc {
  id: string;
  customerId: string;
  storeId: string;
  items: OrderItem[];
  totalXaf: number;
  deliveryAddress: { text: string; city: string };
  payment: { method: PaymentMethod; status: PaymentStatus };
  status: OrderStatus;
  statusHistory: StatusEvent[];
  riderId?: string;
  /**
   * Riders the order was assigned to before; server-owned. Their clients
   * are told to drop the order when it leaves them.
   */
  formerRiderIds?: string[];
  rejectionReason?: string;
  createdAt: string;
  updatedAt: string;
}

export const ordersSchema = {
  title: "orders",
  version: 0,
  primaryKey: "id",
  type: "object",
  properties: {
    id: idField,
    customerId: idField,
    storeId: idField,
    items: {
      type: "array",
      minItems: 1,
      maxItems: 100,
      items: {
        type: "object",
        properties: {
          productId: idField,
          qty: { type: "integer", minimum: 1, maximum: 1000 },
          unitPriceXaf: xafField,
        },
        required: ["productId", "qty", "unitPriceXaf"],
        additionalProperties: false,
      },
    },
    totalXaf: xafField,
    deliveryAddress: {
      type: "object",
      properties: { text: text(240), city: text(40) },
      required: ["text", "city"],
      additionalProperties: false,
    },
    payment: {
      type: "object",
      properties: {
        method: { type: "string", enum: PAYMENT_METHODS },
        status: { type: "string", enum: PAYMENT_STATUSES },
      },
      required: ["method", "status"],
      additionalProperties: false,
    },
    status: { type: "string", enum: ORDER_STATUSES, maxLength: 20 },
    statusHistory: {
      type: "array",
      maxItems: 200,
      items: {
        type: "object",
        properties: {
          status: { type: "string", enum: ORDER_STATUSES },
          at: timestampField,
          by: idField,
        },
        required: ["status", "at", "by"],
        additionalProperties: false,
      },
    },
    riderId: idField,
    formerRiderIds: { type: "array", maxItems: 50, items: idField },
    rejectionReason: text(240),
    createdAt: timestampField,
    updatedAt: timestampField,
  },
  required: [
    "id",
    "customerId",
    "storeId",
    "items",
    "totalXaf",
    "deliveryAddress",
    "payment",
    "status",
    "statusHistory",
    "createdAt",
    "updatedAt",
  ],
  additionalProperties: false,
  indexes: ["customerId", "storeId"],
} as const satisfies CollectionSchema;
