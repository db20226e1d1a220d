/**
 * Holding, releasing and deducting an order's units on the stock
 * documents of its store, each a compare-and-set of one document (see
 * holds.ts for the arithmetic). Every operation is idempotent per order,
 * so a replay, a retry after a crash or a second server instance doing
 * the same work changes nothing more.
 */
import { stockIdOf, type HeldUnits } from "@okada/sync-rules";
import type { CollectionStore } from "../store/types.ts";
import { updateDoc } from "./cas.ts";
import { asStock, wire } from "./docs.ts";
import { availableFor, withDeduction, withHold } from "./holds.ts";

export class StockLedger {
  readonly #stock: CollectionStore;

  constructor(stock: CollectionStore) {
    this.#stock = stock;
  }

  /**
   * Holds `units` for the order where the shelf covers them; resolves
   * with the products it could not hold (nothing is written for those).
   * Holds taken stay until `settle` says otherwise: only the order's
   * recorded outcome decides what to release.
   */
  async hold(
    storeId: string,
    orderId: string,
    units: readonly HeldUnits[],
  ): Promise<string[]> {
    const short = await Promise.all(
      units.map(async ({ productId, qty }) => {
        let covered = false;
        const after = await updateDoc(
          this.#stock,
          stockIdOf(storeId, productId),
          (doc) => {
            const stock = asStock(doc);
            covered = availableFor(stock, orderId) >= qty;
            if (!covered) return undefined;
            const next = withHold(stock, orderId, qty);
            return next && wire(next);
          },
        );
        return after !== undefined && covered ? [] : [productId];
      }),
    );
    return short.flat();
  }

  /**
   * Sets the order's holds on `productIds` to `target` (a product not in
   * `target` holds nothing). Never checks the shelf: the target is a
   * decision already recorded on the order.
   */
  async settle(
    storeId: string,
    orderId: string,
    productIds: Iterable<string>,
    target: readonly HeldUnits[],
  ): Promise<void> {
    const wanted = new Map(target.map((u) => [u.productId, u.qty]));
    const ids = new Set([...productIds, ...wanted.keys()]);
    await Promise.all(
      [...ids].map((productId) =>
        updateDoc(this.#stock, stockIdOf(storeId, productId), (doc) => {
          const next = withHold(
            asStock(doc),
            orderId,
            wanted.get(productId) ?? 0,
          );
          return next && wire(next);
        }),
      ),
    );
  }

  /** Takes the delivered units off `onHand`, once per order. */
  async deduct(
    storeId: string,
    orderId: string,
    units: readonly HeldUnits[],
  ): Promise<void> {
    await Promise.all(
      units.map(({ productId, qty }) =>
        updateDoc(this.#stock, stockIdOf(storeId, productId), (doc) => {
          const next = withDeduction(asStock(doc), orderId, qty);
          return next && wire(next);
        }),
      ),
    );
  }
}
