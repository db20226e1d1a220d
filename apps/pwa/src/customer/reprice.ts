/**
 * The customer accepts the prices intake reported: each line the store
 * did not honour takes its current price. The order stays pending and
 * intake checks it again.
 */
import { stampAfter } from "../orders/wire.ts";
import type { WorkspaceValue } from "../workspace/context.ts";
import { rememberPlaced } from "./place-order.ts";

export async function acceptNewPrices(
  ws: WorkspaceValue,
  orderId: string,
): Promise<void> {
  const doc = await ws.db.orders.findOne(orderId).exec();
  if (doc === null) return;
  const saved = await doc.incrementalModify((order) => {
    const raised = new Map(
      (order.intake?.adjustments ?? [])
        .filter((a) => !a.honoured)
        .map((a) => [a.productId, a.currentXaf]),
    );
    if (order.status !== "pending" || raised.size === 0) return order;
    const items = order.items.map((item) => ({
      ...item,
      unitPriceXaf: raised.get(item.productId) ?? item.unitPriceXaf,
    }));
    return {
      ...order,
      items,
      totalXaf: items.reduce((s, i) => s + i.qty * i.unitPriceXaf, 0),
      updatedAt: stampAfter(order.updatedAt),
    };
  });
  rememberPlaced(ws.user.id, saved.toMutableJSON());
  ws.journal.record({
    collection: "orders",
    id: orderId,
    action: "reprice",
    at: Date.now(),
  });
}
