/**
 * Test support only: small documents for the pure tests of this folder.
 * The scenario tests use the seeded demo data instead.
 */
import type {
  OrderDoc,
  ProductDoc,
  RiderDoc,
  StockDoc,
  StoreDoc,
} from "@okada/sync-rules";
import type { Order, Stock } from "./docs.ts";

/** 1 December 2026, `minutes` after noon in Douala (11:00 UTC). */
export function at(minutes: number): Date {
  return new Date(Date.UTC(2026, 11, 1, 11, 0) + minutes * 60_000);
}

export const iso = (minutes: number): string => at(minutes).toISOString();

export const STORE: StoreDoc = {
  id: "st_a",
  name: "Okada Akwa",
  city: "Douala",
  address: "Akwa",
  location: { lat: 4.0489, lng: 9.6983 },
  open: true,
  hours: { opens: "07:00", closes: "22:00" },
  updatedAt: iso(-600),
};

export function product(id: string, priceXaf: number): ProductDoc {
  return {
    id,
    storeId: "st_a",
    name: { fr: id, en: `Product ${id}` },
    category: "epicerie",
    priceXaf,
    unit: "kg",
    active: true,
    updatedAt: iso(-600),
  };
}

export function stock(
  productId: string,
  onHand: number,
  holds: Record<string, number> = {},
): Stock {
  const reservations = Object.entries(holds).map(([orderId, qty]) => ({
    orderId,
    qty,
  }));
  const doc: StockDoc & { _deleted: boolean } = {
    id: `st_a:${productId}`,
    storeId: "st_a",
    productId,
    onHand,
    reserved: reservations.reduce((sum, h) => sum + h.qty, 0),
    updatedAt: iso(-600),
    _deleted: false,
  };
  if (reservations.length > 0) doc.reservations = reservations;
  return doc;
}

export function order(
  items: [productId: string, qty: number, unitPriceXaf: number][],
  fields: Partial<OrderDoc> = {},
): Order {
  const lines = items.map(([productId, qty, unitPriceXaf]) => ({
    productId,
    qty,
    unitPriceXaf,
  }));
  return {
    id: "ord_1",
    customerId: "customer",
    storeId: "st_a",
    items: lines,
    totalXaf: lines.reduce((s, l) => s + l.qty * l.unitPriceXaf, 0),
    deliveryAddress: { text: "Deido", city: "Douala" },
    payment: { method: "cash", status: "pending" },
    status: "pending",
    statusHistory: [{ status: "pending", at: iso(-5), by: "customer" }],
    createdAt: iso(-5),
    updatedAt: iso(-5),
    ...fields,
    _deleted: false,
  };
}

export function rider(
  id: string,
  seenMinutes: number,
  where: { lat: number; lng: number } | undefined,
  fields: Partial<RiderDoc> = {},
): RiderDoc {
  const doc: RiderDoc = {
    id,
    name: id,
    city: "Douala",
    phone: "+237600000000",
    availability: "available",
    updatedAt: iso(seenMinutes),
    ...fields,
  };
  if (where)
    doc.location = { ...where, accuracy: 10, recordedAt: iso(seenMinutes) };
  return doc;
}
