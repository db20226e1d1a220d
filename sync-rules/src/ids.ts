/**
 * Branded identifiers: the compiler keeps an order ID from being passed
 * where a store ID is expected. At run time they are plain strings.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type StoreId = Brand<string, "StoreId">;
export type ProductId = Brand<string, "ProductId">;
export type StockId = Brand<string, "StockId">;
export type OrderId = Brand<string, "OrderId">;
export type RiderId = Brand<string, "RiderId">;
export type UserId = Brand<string, "UserId">;

/**
 * An opaque position in the store's change feed. Clients store it and send
 * it back; only the server interprets it.
 */
export type Checkpoint = Brand<string, "Checkpoint">;

export function stockIdOf(storeId: string, productId: string): StockId {
  return `${storeId}:${productId}` as StockId;
}

const ORDER_ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * A client-made order ID that sorts by creation time: a fixed-width base-36
 * millisecond clock followed by random characters, so two offline phones
 * never collide and lists sort without a server round trip.
 */
export function newOrderId(
  now: number = Date.now(),
  random: () => number = Math.random,
): OrderId {
  const time = now.toString(36).padStart(9, "0");
  let tail = "";
  for (let i = 0; i < 10; i++) {
    tail += ORDER_ID_ALPHABET[Math.floor(random() * 36)] ?? "0";
  }
  return `ord_${time}${tail}` as OrderId;
}
