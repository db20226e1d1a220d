/**
 * Order intake's decision, as a pure function of what the store holds
 * now. Checks run in this order and the first failure decides:
 *
 * 1. the store exists, is switched on and within its hours, else
 *    rejected STORE_CLOSED;
 * 2. every product exists in that store and is active, else rejected
 *    PRODUCT_UNAVAILABLE;
 * 3. the shelf covers every product (on hand less what other orders
 *    hold), else rejected OUT_OF_STOCK;
 * 4. prices: a rise beyond the tolerance makes the order wait for the
 *    customer (needs_confirmation, PRICE_CHANGED); see price-policy.ts.
 *
 * Otherwise confirmed: hold the units. Stock is checked before prices so
 * that a customer is never asked to accept a price for goods that are
 * gone. The check here is advisory: the holds are taken one stock
 * document at a time with compare-and-set, and a hold that finds the
 * shelf emptied meanwhile turns the decision into OUT_OF_STOCK.
 */
import type {
  HeldUnits,
  IntakeReason,
  OrderDoc,
  PriceAdjustment,
  ProductDoc,
  StockDoc,
  StoreDoc,
} from "@okada/sync-rules";
import { availableFor, unitsOf } from "./holds.ts";
import { priceAdjustments, type PriceTolerance } from "./price-policy.ts";
import { isStoreOpen } from "./store-hours.ts";

export interface IntakePolicy extends PriceTolerance {
  storeUtcOffsetMinutes: number;
}

export interface IntakeFacts {
  order: OrderDoc;
  store: StoreDoc | undefined;
  /** The order's products, by ID; missing ones are absent. */
  products: ReadonlyMap<string, ProductDoc>;
  /** The order's stock levels, by product ID. */
  stock: ReadonlyMap<string, StockDoc>;
  at: Date;
  policy: IntakePolicy;
}

export interface Rejection {
  outcome: "rejected";
  reason: IntakeReason;
  productIds: string[];
  /** For `rejectionReason`: what the customer reads. */
  message: string;
}

export type IntakeDecision =
  | { outcome: "confirmed"; hold: HeldUnits[]; adjustments: PriceAdjustment[] }
  | { outcome: "needs_confirmation"; adjustments: PriceAdjustment[] }
  | { outcome: "short"; productIds: string[] }
  | Rejection;

/** The schema's limit on `rejectionReason`. */
const MESSAGE_MAX = 240;

function label(id: string, products: ReadonlyMap<string, ProductDoc>) {
  return products.get(id)?.name.en ?? id;
}

function rejection(
  reason: IntakeReason,
  productIds: string[],
  message: string,
): Rejection {
  const text =
    message.length > MESSAGE_MAX
      ? `${message.slice(0, MESSAGE_MAX - 1)}…`
      : message;
  return { outcome: "rejected", reason, productIds, message: text };
}

function storeRefusal(facts: IntakeFacts): Rejection | undefined {
  const { store, order, at, policy } = facts;
  if (store === undefined) {
    return rejection(
      "STORE_CLOSED",
      [],
      `Store ${order.storeId} does not take orders; choose another store.`,
    );
  }
  if (isStoreOpen(store, at, policy.storeUtcOffsetMinutes)) return undefined;
  const when = store.open
    ? `It opens at ${store.hours.opens}; order again then.`
    : "Order again when it reopens, or choose another store.";
  return rejection(
    "STORE_CLOSED",
    [],
    `${store.name} was closed when your order arrived. ${when}`,
  );
}

function productRefusal(facts: IntakeFacts): Rejection | undefined {
  const { order, products } = facts;
  const gone = unitsOf(order.items)
    .map((u) => u.productId)
    .filter((id) => {
      const product = products.get(id);
      return !product?.active || product.storeId !== order.storeId;
    });
  if (gone.length === 0) return undefined;
  const names = gone.map((id) => label(id, products)).join(", ");
  return rejection(
    "PRODUCT_UNAVAILABLE",
    gone,
    `No longer sold by this store: ${names}. Order again without them.`,
  );
}

/** The products the shelf cannot cover for this order. */
export function shortProducts(
  order: OrderDoc,
  stock: ReadonlyMap<string, StockDoc>,
): string[] {
  return unitsOf(order.items)
    .filter(({ productId, qty }) => {
      const level = stock.get(productId);
      return level === undefined || availableFor(level, order.id) < qty;
    })
    .map((u) => u.productId);
}

/** The OUT_OF_STOCK rejection for `short` products. */
export function outOfStock(
  order: OrderDoc,
  short: readonly string[],
  facts: Pick<IntakeFacts, "products" | "stock">,
): Rejection {
  const wanted = new Map(unitsOf(order.items).map((u) => [u.productId, u]));
  const parts = short.map((id) => {
    const level = facts.stock.get(id);
    const left = level ? Math.max(0, availableFor(level, order.id)) : 0;
    const qty = wanted.get(id)?.qty ?? 0;
    return `${label(id, facts.products)} (${left} left, ${qty} ordered)`;
  });
  return rejection(
    "OUT_OF_STOCK",
    [...short],
    `Not enough in stock: ${parts.join(", ")}. Order a smaller quantity.`,
  );
}

/** The decision for a pending order. */
export function decideIntake(facts: IntakeFacts): IntakeDecision {
  const { order } = facts;
  const refusal = storeRefusal(facts) ?? productRefusal(facts);
  if (refusal !== undefined) return refusal;
  const short = shortProducts(order, facts.stock);
  if (short.length > 0) return outOfStock(order, short, facts);
  const adjustments = priceAdjustments(
    order.items,
    facts.products,
    facts.policy,
  );
  if (adjustments.some((a) => !a.honoured)) {
    return { outcome: "needs_confirmation", adjustments };
  }
  return { outcome: "confirmed", hold: unitsOf(order.items), adjustments };
}

/**
 * The decision for an order staff moved on before intake saw it (or
 * while it waited for the customer): their acceptance stands, at the
 * customer's prices; intake only holds the units when the shelf has them.
 */
export function decideLate(
  facts: Pick<IntakeFacts, "order" | "stock">,
): IntakeDecision {
  const short = shortProducts(facts.order, facts.stock);
  if (short.length > 0) return { outcome: "short", productIds: short };
  return {
    outcome: "confirmed",
    hold: unitsOf(facts.order.items),
    adjustments: [],
  };
}
