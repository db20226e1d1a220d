/**
 * The customer's carts, one per store, kept on the device: a cart
 * survives reloads and outages and is only emptied by placing the order.
 */
import { isRecord, readLocal, writeLocal } from "../ui/local.ts";
import { createStore, type Store } from "../ui/store.ts";

/** Quantities by product, by store. */
export type Carts = Readonly<Record<string, Readonly<Record<string, number>>>>;

const stores = new Map<string, Store<Carts>>();

function parseCarts(value: unknown): Carts {
  if (!isRecord(value)) return {};
  const carts: Record<string, Record<string, number>> = {};
  for (const [storeId, lines] of Object.entries(value)) {
    if (!isRecord(lines)) continue;
    const cart: Record<string, number> = {};
    for (const [productId, qty] of Object.entries(lines)) {
      if (typeof qty === "number" && Number.isInteger(qty) && qty > 0) {
        cart[productId] = qty;
      }
    }
    carts[storeId] = cart;
  }
  return carts;
}

export function cartsOf(userId: string): Store<Carts> {
  let store = stores.get(userId);
  if (store === undefined) {
    const key = `okada.cart.${userId}`;
    store = createStore(parseCarts(readLocal(key)));
    store.subscribe((carts) => writeLocal(key, carts));
    stores.set(userId, store);
  }
  return store;
}

export function setQty(
  carts: Store<Carts>,
  storeId: string,
  productId: string,
  qty: number,
): void {
  const all = carts.get();
  const cart = { ...all[storeId] };
  if (qty > 0) cart[productId] = Math.min(qty, 1000);
  else delete cart[productId];
  carts.set({ ...all, [storeId]: cart });
}

export function emptyCart(carts: Store<Carts>, storeId: string): void {
  const { [storeId]: _dropped, ...rest } = carts.get();
  carts.set(rest);
}

export function itemCount(cart: Readonly<Record<string, number>> = {}): number {
  return Object.values(cart).reduce((sum, qty) => sum + qty, 0);
}
