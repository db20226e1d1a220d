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

/**
 * What order intake decided (server-owned; see
 * server/src/reconcile/README.md):
 *
 * - `confirmed`: the store is open, every product is on sale and the
 *   units are held for the order; staff accept it in the app.
 * - `needs_confirmation`: a price rose beyond the tolerance; the order
 *   waits, pending, until the customer re-prices the lines that are not
 *   `honoured` at `currentXaf` (or cancels). Nothing is held meanwhile.
 * - `rejected`: the order was rejected with `reason`.
 * - `short`: staff moved the order on before intake saw it, and the
 *   shelf could not cover it; nothing is held.
 */
export const INTAKE_OUTCOMES = [
  "confirmed",
  "needs_confirmation",
  "rejected",
  "short",
] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];

/** Why intake did not simply confirm; shown to the customer. */
export const INTAKE_REASONS = [
  "STORE_CLOSED",
  "PRODUCT_UNAVAILABLE",
  "OUT_OF_STOCK",
  "PRICE_CHANGED",
] as const;
export type IntakeReason = (typeof INTAKE_REASONS)[number];

/**
 * What became of the order's units on the shelf: `none` held, `held`
 * (counted in the stock's `reserved`), `released` (back on sale after a
 * cancellation, rejection or failure), `deducted` (taken off `onHand`
 * on delivery).
 */
export const INTAKE_STOCK_STATES = [
  "none",
  "held",
  "released",
  "deducted",
] as const;
export type IntakeStock = (typeof INTAKE_STOCK_STATES)[number];

/** A line whose price moved since the customer saw it. */
export interface PriceAdjustment {
  productId: string;
  /** The customer's price, `unitPriceXaf` of the line. */
  orderedXaf: number;
  /** The product's price when intake ran. */
  currentXaf: number;
  /** True: the order keeps the customer's price for this line. */
  honoured: boolean;
}

export interface HeldUnits {
  productId: string;
  qty: number;
}

export interface OrderIntake {
  outcome: IntakeOutcome;
  reason?: IntakeReason;
  /** The products the reason is about. */
  productIds?: string[];
  adjustments?: PriceAdjustment[];
  stock: IntakeStock;
  /** Units held, per product, while `stock` is `held`. */
  held?: HeldUnits[];
  /** Opaque digest of the items intake decided on. */
  itemsKey: string;
  /** The server's time of the decision. */
  processedAt: string;
}

/** The server's last rider assignment change on an order. */
export interface OrderDispatch {
  action: "assigned" | "unassigned";
  riderId: string;
  reason: "NEAREST_AVAILABLE" | "RIDER_UNREACHABLE";
  at: string;
}

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
  /** Order intake's decision; server-owned. */
  intake?: OrderIntake;
  /**
   * The server's last assignment change; server-owned. A later staff
   * assignment supersedes it (compare `riderId`).
   */
  dispatch?: OrderDispatch;
  createdAt: string;
  updatedAt: string;
}

const productIdsField = { type: "array", maxItems: 100, items: idField };

const intakeSchema = {
  type: "object",
  properties: {
    outcome: { type: "string", enum: INTAKE_OUTCOMES },
    reason: { type: "string", enum: INTAKE_REASONS },
    productIds: productIdsField,
    adjustments: {
      type: "array",
      maxItems: 100,
      items: {
        type: "object",
        properties: {
          productId: idField,
          orderedXaf: xafField,
          currentXaf: xafField,
          honoured: { type: "boolean" },
        },
        required: ["productId", "orderedXaf", "currentXaf", "honoured"],
        additionalProperties: false,
      },
    },
    stock: { type: "string", enum: INTAKE_STOCK_STATES },
    held: {
      type: "array",
      maxItems: 100,
      items: {
        type: "object",
        properties: {
          productId: idField,
          qty: { type: "integer", minimum: 1, maximum: 100_000 },
        },
        required: ["productId", "qty"],
        additionalProperties: false,
      },
    },
    itemsKey: text(64),
    processedAt: timestampField,
  },
  required: ["outcome", "stock", "itemsKey", "processedAt"],
  additionalProperties: false,
} as const;

const dispatchSchema = {
  type: "object",
  properties: {
    action: { type: "string", enum: ["assigned", "unassigned"] },
    riderId: idField,
    reason: {
      type: "string",
      enum: ["NEAREST_AVAILABLE", "RIDER_UNREACHABLE"],
    },
    at: timestampField,
  },
  required: ["action", "riderId", "reason", "at"],
  additionalProperties: false,
} as const;

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
    intake: intakeSchema,
    dispatch: dispatchSchema,
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
