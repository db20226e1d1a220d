/**
 * The stock side of intake, as pure functions of a stock document. Units
 * are held per order (`reservations`, keyed by order ID), so holding an
 * order's units again, from a replay or a second server, changes
 * nothing; `reserved` moves with the holds. Delivery takes the units off
 * `onHand` once per order (`deductedOrders` remembers the latest ones).
 */
import type { HeldUnits, OrderItem, StockDoc } from "@okada/sync-rules";

/** How many delivered orders a stock document remembers. */
export const DEDUCTED_KEPT = 32;

/** Units per product, the same product on two lines summed, by ID. */
export function unitsOf(items: readonly OrderItem[]): HeldUnits[] {
  const units = new Map<string, number>();
  for (const item of items) {
    units.set(item.productId, (units.get(item.productId) ?? 0) + item.qty);
  }
  return [...units]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([productId, qty]) => ({ productId, qty }));
}

export function holdOf(stock: StockDoc, orderId: string): number {
  return stock.reservations?.find((h) => h.orderId === orderId)?.qty ?? 0;
}

/** Units the order may take: on hand less what other orders hold. */
export function availableFor(stock: StockDoc, orderId: string): number {
  return stock.onHand - (stock.reserved - holdOf(stock, orderId));
}

/**
 * The stock with the order's hold set to `qty` (0 drops it), or
 * undefined when it already is.
 */
export function withHold<S extends StockDoc>(
  stock: S,
  orderId: string,
  qty: number,
): S | undefined {
  const before = holdOf(stock, orderId);
  if (before === qty) return undefined;
  const others = (stock.reservations ?? []).filter(
    (h) => h.orderId !== orderId,
  );
  const reservations =
    qty > 0
      ? [...others, { orderId, qty }].sort((a, b) =>
          a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0,
        )
      : others;
  const next: S = {
    ...stock,
    reserved: Math.max(0, stock.reserved - before + qty),
  };
  if (reservations.length > 0) next.reservations = reservations;
  else delete next.reservations;
  return next;
}

export function wasDeducted(stock: StockDoc, orderId: string): boolean {
  return stock.deductedOrders?.includes(orderId) ?? false;
}

/**
 * The stock after the order's `qty` units left with the rider: off
 * `onHand` (never below zero), its hold dropped, the order remembered.
 * Undefined when that has happened already.
 */
export function withDeduction<S extends StockDoc>(
  stock: S,
  orderId: string,
  qty: number,
): S | undefined {
  if (wasDeducted(stock, orderId)) return withHold(stock, orderId, 0);
  const released = withHold(stock, orderId, 0) ?? stock;
  return {
    ...released,
    onHand: Math.max(0, stock.onHand - qty),
    deductedOrders: [...(stock.deductedOrders ?? []), orderId].slice(
      -DEDUCTED_KEPT,
    ),
  };
}
