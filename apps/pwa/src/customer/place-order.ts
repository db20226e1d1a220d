/**
 * Placing an order: written to the local database at once, so it is
 * placed even with no network; sync sends it when it can. The order as
 * placed is remembered, so that a later adjustment by the store can be
 * shown as a difference.
 */
import {
  newOrderId,
  type OrderDoc,
  type OrderItem,
  type PaymentMethod,
} from "@okada/sync-rules";
import { isRecord, readLocal, writeLocal } from "../ui/local.ts";
import type { WorkspaceValue } from "../workspace/context.ts";

export interface Checkout {
  storeId: string;
  city: string;
  items: OrderItem[];
  address: string;
  method: PaymentMethod;
}

export function buildOrder(
  customerId: string,
  checkout: Checkout,
  now = new Date(),
): OrderDoc {
  const at = now.toISOString();
  return {
    id: newOrderId(now.getTime()),
    customerId,
    storeId: checkout.storeId,
    items: checkout.items,
    totalXaf: checkout.items.reduce((s, i) => s + i.qty * i.unitPriceXaf, 0),
    deliveryAddress: { text: checkout.address, city: checkout.city },
    payment: { method: checkout.method, status: "pending" },
    status: "pending",
    statusHistory: [{ status: "pending", at, by: customerId }],
    createdAt: at,
    updatedAt: at,
  };
}

export interface Placed {
  items: OrderItem[];
  totalXaf: number;
}

const MAX_PLACED = 50;

function placedKey(userId: string): string {
  return `okada.placed.${userId}`;
}

/** The orders as this device placed them, by order ID. */
export function placedOrders(userId: string): Record<string, Placed> {
  const saved = readLocal(placedKey(userId));
  return isRecord(saved) ? (saved as Record<string, Placed>) : {};
}

/** Keeps the order as the customer last chose it. */
export function rememberPlaced(
  userId: string,
  order: Pick<OrderDoc, "id" | "items" | "totalXaf">,
): void {
  const placed = Object.entries({
    ...placedOrders(userId),
    [order.id]: { items: order.items, totalXaf: order.totalXaf },
  }).slice(-MAX_PLACED);
  writeLocal(placedKey(userId), Object.fromEntries(placed));
}

export async function placeOrder(
  ws: WorkspaceValue,
  checkout: Checkout,
): Promise<string> {
  const order = buildOrder(ws.user.id, checkout);
  await ws.db.orders.insert(order);
  ws.journal.record({
    collection: "orders",
    id: order.id,
    action: "place",
    at: Date.now(),
  });
  rememberPlaced(ws.user.id, order);
  writeLocal(`okada.address.${ws.user.id}`, checkout.address);
  return order.id;
}

export function lastAddress(userId: string): string {
  const saved = readLocal(`okada.address.${userId}`);
  return typeof saved === "string" ? saved : "";
}
