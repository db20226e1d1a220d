/**
 * What happens when a price moved between the customer's screen and
 * intake. Per order line:
 *
 * - the price fell: the order keeps the customer's price (the total they
 *   agreed to); the store may charge less at delivery;
 * - the price rose and the extra cost of the line (qty x rise) is at
 *   most the tolerance (5 % of the line or 500 XAF, whichever is more):
 *   honoured, the store absorbs it;
 * - the price rose by more: not honoured; the order waits for the
 *   customer to accept the new price.
 *
 * Every line whose price moved is listed, so the customer sees why.
 */
import type { OrderItem, PriceAdjustment, ProductDoc } from "@okada/sync-rules";

export interface PriceTolerance {
  priceTolerancePercent: number;
  priceToleranceXaf: number;
}

/** Is a rise of `rise` XAF per unit on `item` within the tolerance? */
export function honoured(
  item: OrderItem,
  rise: number,
  tolerance: PriceTolerance,
): boolean {
  if (rise <= 0) return true;
  const line = item.qty * item.unitPriceXaf;
  const allowed = Math.max(
    (line * tolerance.priceTolerancePercent) / 100,
    tolerance.priceToleranceXaf,
  );
  return item.qty * rise <= allowed;
}

/** The lines whose price moved, in item order. */
export function priceAdjustments(
  items: readonly OrderItem[],
  products: ReadonlyMap<string, ProductDoc>,
  tolerance: PriceTolerance,
): PriceAdjustment[] {
  const out: PriceAdjustment[] = [];
  for (const item of items) {
    const product = products.get(item.productId);
    if (product === undefined || product.priceXaf === item.unitPriceXaf) {
      continue;
    }
    const rise = product.priceXaf - item.unitPriceXaf;
    out.push({
      productId: item.productId,
      orderedXaf: item.unitPriceXaf,
      currentXaf: product.priceXaf,
      honoured: honoured(item, rise, tolerance),
    });
  }
  return out;
}
