/**
 * Order writes made by staff, riders and customers after creation. Each
 * goes to the local database at once (and so to the outbox) and is
 * journalled; the rules are checked first, so that a button never
 * writes what the server would refuse on the spot.
 */
import { canTransition, type OrderStatus } from "@okada/sync-rules";
import type { WorkspaceValue } from "../workspace/context.ts";
import { asWire, stampAfter } from "./wire.ts";

/**
 * Moves an order to `to`, recording the history event. `reason` is the
 * rejection or cancellation reason (staff). Resolves false when the
 * local copy no longer allows the move.
 */
export async function moveOrder(
  ws: WorkspaceValue,
  orderId: string,
  to: OrderStatus,
  reason?: string,
): Promise<boolean> {
  const doc = await ws.db.orders.findOne(orderId).exec();
  if (doc === null) return false;
  let moved = false;
  await doc.incrementalModify((order) => {
    moved = canTransition(ws.user, asWire(order), to).ok;
    if (!moved) return order;
    const at = stampAfter(order.updatedAt);
    const event = { status: to, at, by: ws.user.id };
    const next = {
      ...order,
      status: to,
      statusHistory: [...order.statusHistory, event],
      updatedAt: at,
    };
    return reason === undefined ? next : { ...next, rejectionReason: reason };
  });
  if (moved) {
    ws.journal.record({
      collection: "orders",
      id: orderId,
      action: to,
      at: Date.now(),
    });
  }
  return moved;
}

/** Staff: gives the order to a rider (or to another one). */
export async function assignRider(
  ws: WorkspaceValue,
  orderId: string,
  riderId: string,
): Promise<void> {
  const doc = await ws.db.orders.findOne(orderId).exec();
  if (doc === null) return;
  await doc.incrementalModify((order) => ({
    ...order,
    riderId,
    updatedAt: stampAfter(order.updatedAt),
  }));
  ws.journal.record({
    collection: "orders",
    id: orderId,
    action: "assign",
    at: Date.now(),
  });
}
