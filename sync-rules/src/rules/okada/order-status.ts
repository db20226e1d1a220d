/**
 * The order state machine: who may move an order along which edge, and
 * how far along each status is. Every edge goes up in rank, so a status
 * only ever moves forward, in a single write and in a merge alike.
 */
import type { StatusMachine } from "../define.ts";
import type { OrderDoc, OrderStatus } from "../../schemas/orders.ts";
import { compareTimes } from "../time.ts";

/** The ways a user can stand towards an order. */
export type OrderRelation = "customer" | "storeStaff" | "assignedRider";

export interface OrderEdge {
  from: OrderStatus;
  to: OrderStatus;
  by: readonly OrderRelation[];
  verb: string;
}

export const ORDER_EDGES: readonly OrderEdge[] = [
  { from: "pending", to: "accepted", by: ["storeStaff"], verb: "accept" },
  { from: "pending", to: "rejected", by: ["storeStaff"], verb: "reject" },
  { from: "pending", to: "cancelled", by: ["customer"], verb: "cancel" },
  {
    from: "accepted",
    to: "preparing",
    by: ["storeStaff"],
    verb: "start preparing",
  },
  { from: "accepted", to: "cancelled", by: ["storeStaff"], verb: "cancel" },
  { from: "preparing", to: "ready", by: ["storeStaff"], verb: "mark ready" },
  { from: "preparing", to: "cancelled", by: ["storeStaff"], verb: "cancel" },
  {
    from: "ready",
    to: "picked_up",
    by: ["assignedRider"],
    verb: "mark picked up",
  },
  {
    from: "picked_up",
    to: "delivered",
    by: ["assignedRider"],
    verb: "mark delivered",
  },
  {
    from: "picked_up",
    to: "failed",
    by: ["assignedRider"],
    verb: "mark failed",
  },
];

/**
 * How far along each status is; a merge keeps the higher. The final
 * statuses outrank every open one, so a final decision is never undone
 * by a stale write. Among them `delivered` ranks highest: once the goods
 * reached the customer, a cancellation or failure recorded concurrently
 * is moot. `cancelled` outranks `rejected` (both stop an order that was
 * pending; a customer's cancel is the more explicit wish) and `failed`
 * outranks `cancelled` (the rider left with the goods; the failure is
 * what staff must act on).
 */
export const ORDER_RANK: Readonly<Record<OrderStatus, number>> = {
  pending: 0,
  accepted: 1,
  preparing: 2,
  ready: 3,
  picked_up: 4,
  rejected: 5,
  cancelled: 6,
  failed: 7,
  delivered: 8,
};

export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = [
  "rejected",
  "cancelled",
  "failed",
  "delivered",
];

export const ORDER_MACHINE: StatusMachine = {
  field: "status",
  history: "statusHistory",
  rank: ORDER_RANK,
  edges: ORDER_EDGES,
};

type OrderState = Pick<OrderDoc, "status" | "statusHistory">;

/** True when the order is at or has passed through one of `statuses`. */
function reached(order: OrderState, statuses: readonly OrderStatus[]) {
  return (
    statuses.includes(order.status) ||
    order.statusHistory.some((event) => statuses.includes(event.status))
  );
}

/** The store committed to the order: its contents are frozen. */
export function wasAccepted(order: OrderState): boolean {
  return reached(order, [
    "accepted",
    "preparing",
    "ready",
    "picked_up",
    "delivered",
    "failed",
  ]);
}

/** A rider has the goods: the rider is fixed. */
export function wasPickedUp(order: OrderState): boolean {
  return reached(order, ["picked_up", "delivered", "failed"]);
}

/** Statuses in which staff may assign or reassign a rider. */
export const ASSIGNABLE_STATUSES: readonly OrderStatus[] = [
  "accepted",
  "preparing",
  "ready",
];

/** Sorts history events by time, then by rank, then by author. */
export function compareEvents(
  a: OrderDoc["statusHistory"][number],
  b: OrderDoc["statusHistory"][number],
): number {
  return (
    compareTimes(a.at, b.at) ||
    ORDER_RANK[a.status] - ORDER_RANK[b.status] ||
    (a.by < b.by ? -1 : a.by > b.by ? 1 : 0)
  );
}
