/** Staff writes other than order moves: stock counts, opening hours. */
import { stampAfter } from "../orders/wire.ts";
import type { WorkspaceValue } from "../workspace/context.ts";

/**
 * Adds `delta` to the units on hand. The server merges adjustments as
 * deltas, so two tablets adjusting the same shelf offline both count.
 */
export async function adjustStock(
  ws: WorkspaceValue,
  stockId: string,
  delta: number,
  label: string,
): Promise<void> {
  const doc = await ws.db.stock.findOne(stockId).exec();
  if (doc === null || delta === 0) return;
  await doc.incrementalModify((stock) => ({
    ...stock,
    onHand: Math.max(0, Math.min(1_000_000, stock.onHand + delta)),
    updatedAt: stampAfter(stock.updatedAt),
  }));
  ws.journal.record({
    collection: "stock",
    id: stockId,
    action: "stock",
    at: Date.now(),
    label,
  });
}

export async function setStoreOpen(
  ws: WorkspaceValue,
  storeId: string,
  open: boolean,
): Promise<void> {
  const doc = await ws.db.stores.findOne(storeId).exec();
  if (doc === null) return;
  await doc.incrementalModify((store) => ({
    ...store,
    open,
    updatedAt: stampAfter(store.updatedAt),
  }));
  ws.journal.record({
    collection: "stores",
    id: storeId,
    action: "open",
    at: Date.now(),
  });
}

/** Opening hours, local time; equal times mean round the clock. */
export async function setStoreHours(
  ws: WorkspaceValue,
  storeId: string,
  hours: { opens: string; closes: string },
): Promise<void> {
  const doc = await ws.db.stores.findOne(storeId).exec();
  if (doc === null) return;
  await doc.incrementalModify((store) => ({
    ...store,
    hours,
    updatedAt: stampAfter(store.updatedAt),
  }));
  ws.journal.record({
    collection: "stores",
    id: storeId,
    action: "open",
    at: Date.now(),
  });
}
