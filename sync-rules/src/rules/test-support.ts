/**
 * Test support only (not exported by the package): the demo users, one
 * valid document per collection, and builders for orders at any status
 * with a consistent history.
 */
import type { WireDoc } from "../protocol.ts";
import type { OrderDoc, OrderStatus } from "../schemas/orders.ts";
import type { ProductDoc } from "../schemas/products.ts";
import type { RiderDoc } from "../schemas/riders.ts";
import type { StockDoc } from "../schemas/stock.ts";
import type { StoreDoc } from "../schemas/stores.ts";
import type { Wire } from "./define.ts";
import { storeDirectory } from "./okada/user-scopes.ts";
import type { RuleUser } from "./types.ts";

export const USERS = {
  customer: { id: "customer", role: "customer", city: "Douala" },
  otherCustomer: { id: "cust_2", role: "customer", city: "Douala" },
  yaoundeCustomer: { id: "cust_yde", role: "customer", city: "Yaoundé" },
  staff: {
    id: "staff",
    role: "staff",
    storeId: "st_dla_akwa",
    city: "Douala",
  },
  otherStaff: {
    id: "staff_bastos",
    role: "staff",
    storeId: "st_yde_bastos",
    city: "Yaoundé",
  },
  rider: { id: "rider", role: "rider", riderId: "rd_dla_01", city: "Douala" },
  otherRider: {
    id: "rider_2",
    role: "rider",
    riderId: "rd_dla_02",
    city: "Douala",
  },
  admin: { id: "admin", role: "admin" },
  server: { id: "server", role: "server" },
} as const satisfies Record<string, RuleUser>;

export type UserName = keyof typeof USERS;

/** A time `minutes` after 08:00 on 1 May 2026, UTC. */
export function at(minutes: number): string {
  const t = Date.UTC(2026, 4, 1, 8, 0, 0) + minutes * 60_000;
  return new Date(t).toISOString();
}

export function wire<T>(doc: T): Wire<T> & WireDoc {
  return { ...doc, _deleted: false } as Wire<T> & WireDoc;
}

export const STORE = wire<StoreDoc>({
  id: "st_dla_akwa",
  name: "Okada Akwa",
  city: "Douala",
  address: "Rue Joffre, Akwa",
  location: { lat: 4.0511, lng: 9.7679 },
  open: true,
  hours: { opens: "07:00", closes: "22:00" },
  updatedAt: at(0),
});

export const YAOUNDE_STORE = wire<StoreDoc>({
  ...STORE,
  id: "st_yde_bastos",
  name: "Okada Bastos",
  city: "Yaoundé",
  address: "Bastos, Yaoundé",
  location: { lat: 3.8971, lng: 11.5126 },
});

export const DIRECTORY = storeDirectory([STORE, YAOUNDE_STORE]);

export const PRODUCT = wire<ProductDoc>({
  id: "p_plantain",
  storeId: "st_dla_akwa",
  name: { fr: "Plantain mûr", en: "Ripe plantain" },
  category: "fruits",
  priceXaf: 500,
  unit: "kg",
  active: true,
  updatedAt: at(0),
});

export const STOCK = wire<StockDoc>({
  id: "st_dla_akwa:p_plantain",
  storeId: "st_dla_akwa",
  productId: "p_plantain",
  onHand: 10,
  reserved: 0,
  updatedAt: at(0),
});

export const RIDER = wire<RiderDoc>({
  id: "rd_dla_01",
  name: "Aristide Kamga",
  city: "Douala",
  phone: "+237600000001",
  availability: "available",
  location: { lat: 4.05, lng: 9.76, accuracy: 10, recordedAt: at(0) },
  updatedAt: at(0),
});

export type Order = Wire<OrderDoc> & WireDoc;

export const NEW_ORDER: Order = wire<OrderDoc>({
  id: "ord_0001",
  customerId: "customer",
  storeId: "st_dla_akwa",
  items: [
    { productId: "p_plantain", qty: 2, unitPriceXaf: 500 },
    { productId: "p_rice", qty: 1, unitPriceXaf: 6500 },
  ],
  totalXaf: 7500,
  deliveryAddress: { text: "Rue de la Joie, Deido", city: "Douala" },
  payment: { method: "cash", status: "pending" },
  status: "pending",
  statusHistory: [{ status: "pending", at: at(0), by: "customer" }],
  createdAt: at(0),
  updatedAt: at(0),
});

/** Who takes each step on the happy path, and the path itself. */
const PATH: readonly [OrderStatus, string][] = [
  ["accepted", "staff"],
  ["preparing", "staff"],
  ["ready", "staff"],
  ["picked_up", "rider"],
  ["delivered", "rider"],
];

/** Appends one status step recorded by `by` at `when`. */
export function step(
  order: Order,
  status: OrderStatus,
  by: string,
  when: string,
): Order {
  return {
    ...order,
    status,
    statusHistory: [...order.statusHistory, { status, at: when, by }],
    updatedAt: when,
  };
}

/**
 * The order at `status`, reached along the usual path (a rider is
 * assigned when it is accepted; final statuses branch off where they
 * can). Step n happens at minute n.
 */
export function orderAt(status: OrderStatus): Order {
  const branches: Partial<Record<OrderStatus, Branch>> = {
    rejected: ["pending", "staff"],
    cancelled: ["pending", "customer"],
    failed: ["picked_up", "rider"],
  };
  const branch = branches[status];
  const until = branch?.[0] ?? status;
  let order = NEW_ORDER;
  let minute = 0;
  for (const [next, who] of PATH) {
    if (order.status === until) break;
    minute += 1;
    order = step(order, next, who, at(minute));
    if (next === "accepted") order = { ...order, riderId: "rd_dla_01" };
  }
  if (branch === undefined) return order;
  order = step(order, status, branch[1], at(minute + 1));
  return status === "rejected"
    ? { ...order, rejectionReason: "Closed" }
    : order;
}

/** Where a final status branches off the happy path, and who takes it. */
type Branch = [from: OrderStatus, by: string];

/** A copy with fields replaced (`undefined` removes a field). */
export function patch<T extends WireDoc>(
  doc: T,
  fields: Readonly<Record<string, unknown>>,
): T {
  const copy: Record<string, unknown> = { ...doc };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
  }
  return copy as T;
}
