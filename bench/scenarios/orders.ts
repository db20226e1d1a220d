/**
 * Orders and rider fixes for the rider and customer scenarios, made the
 * same way for every approach: ids and contents come from a seeded
 * random stream, times from the run's own clock.
 */
import {
  newOrderId,
  PAYMENT_METHODS,
  type OrderDoc,
  type OrderStatus,
  type ProductDoc,
  type RiderDoc,
} from "@okada/sync-rules";

/** A small deterministic random stream (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function intBetween(random: () => number, min: number, max: number) {
  return min + Math.floor(random() * (max - min + 1));
}

/** `base` plus `minutes`, as the ISO time the schemas want. */
export function isoAfter(base: number, minutes: number): string {
  return new Date(base + minutes * 60_000).toISOString();
}

const ADDRESSES = [
  "Carrefour Ndokoti, derrière la pharmacie",
  "Rue Joss, Akwa, immeuble bleu",
  "Bonamoussadi, près du marché Kotto",
  "Makepe Missoké, portail vert",
  "Bonapriso, rue Njo-Njo",
];

export interface NewOrder {
  customerId: string;
  storeId: string;
  /** Products of the store to choose from. */
  products: readonly ProductDoc[];
  itemCount: number;
  createdAt: number;
  random: () => number;
}

/** A pending order as a customer places it. */
export function pendingOrder(spec: NewOrder): OrderDoc {
  const { random } = spec;
  const chosen = new Set<ProductDoc>();
  while (chosen.size < spec.itemCount) {
    const index = intBetween(random, 0, spec.products.length - 1);
    const product = spec.products[index];
    if (product !== undefined) chosen.add(product);
  }
  const items = [...chosen].map((p) => ({
    productId: p.id,
    qty: intBetween(random, 1, 3),
    unitPriceXaf: p.priceXaf,
  }));
  const at = isoAfter(spec.createdAt, 0);
  const address = ADDRESSES[intBetween(random, 0, ADDRESSES.length - 1)];
  const method = PAYMENT_METHODS[intBetween(random, 0, 2)] ?? "cash";
  return {
    id: newOrderId(spec.createdAt, random),
    customerId: spec.customerId,
    storeId: spec.storeId,
    items,
    totalXaf: items.reduce((sum, i) => sum + i.qty * i.unitPriceXaf, 0),
    deliveryAddress: { text: address ?? "Akwa", city: "Douala" },
    payment: { method, status: "pending" },
    status: "pending",
    statusHistory: [{ status: "pending", at, by: spec.customerId }],
    createdAt: at,
    updatedAt: at,
  };
}

/** `order` moved to `status` by `by` at `at`, with its history event. */
export function advanced(
  order: OrderDoc,
  status: OrderStatus,
  by: string,
  at: string,
): OrderDoc {
  return {
    ...order,
    status,
    statusHistory: [...order.statusHistory, { status, at, by }],
    updatedAt: at,
  };
}

/** A pending order taken through the store's steps to `ready`. */
export function readyFor(
  order: OrderDoc,
  staffId: string,
  riderId: string,
  createdAt: number,
): OrderDoc {
  let next: OrderDoc = { ...order, riderId };
  next = advanced(next, "accepted", staffId, isoAfter(createdAt, 2));
  next = advanced(next, "preparing", staffId, isoAfter(createdAt, 4));
  return advanced(next, "ready", staffId, isoAfter(createdAt, 15));
}

/** The rider `step` fixes along a ride from `rider.location`. */
export function fixAt(rider: RiderDoc, step: number, at: string): RiderDoc {
  const start = rider.location ?? {
    lat: 4.05,
    lng: 9.7,
    accuracy: 20,
    recordedAt: at,
  };
  const round = (x: number) => Math.round(x * 100_000) / 100_000;
  return {
    ...rider,
    availability: "busy",
    location: {
      lat: round(start.lat + 0.0004 * Math.sin(step / 9)),
      lng: round(start.lng + 0.0003 * step * 0.1),
      accuracy: 8 + (step % 5) * 4,
      recordedAt: at,
    },
    updatedAt: at,
  };
}
