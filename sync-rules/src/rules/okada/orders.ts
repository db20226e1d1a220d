/**
 * Okada's orders: placed by a customer for themselves, moved along by the
 * staff of the order's store and by its assigned rider.
 */
import type { OrderDoc } from "../../schemas/orders.ts";
import type { Change, Wire } from "../define.ts";
import { defineRules } from "../define.ts";
import { furthest, lww, union } from "../merge-strategies.ts";
import { eventKey } from "../status.ts";
import { refuse } from "../types.ts";
import type { RuleUser } from "../types.ts";
import { newOrderHistoryProblem, orderProblems } from "./order-invariants.ts";
import {
  ASSIGNABLE_STATUSES,
  ORDER_MACHINE,
  ORDER_RANK,
  compareEvents,
  wasAccepted,
  wasPickedUp,
} from "./order-status.ts";
import { scope, staffOf } from "./relations.ts";

type Order = Wire<OrderDoc>;

/** What the customer chose; frozen once the store accepts. */
const CONTENTS = ["items", "totalXaf", "deliveryAddress", "payment.method"];

function newOrderRefusal(order: Order, user: RuleUser) {
  if (order.status !== "pending") {
    return refuse(
      "INVALID_TRANSITION",
      `A new order starts pending; send order ${order.id} with status ` +
        `"pending", not "${order.status}".`,
    );
  }
  if (order.payment.status !== "pending") {
    return refuse(
      "FORBIDDEN",
      `The store records payment; send order ${order.id} with ` +
        `payment.status "pending".`,
    );
  }
  if (order.riderId !== undefined || order.rejectionReason !== undefined) {
    return refuse(
      "FORBIDDEN",
      `Only store staff set riderId and rejectionReason; leave them out ` +
        `of new order ${order.id}.`,
    );
  }
  const problem = newOrderHistoryProblem(order, user.id);
  return problem === undefined ? undefined : refuse("BUSINESS_RULE", problem);
}

function whilePending({ before }: Change<Order>) {
  if (before.status === "pending") return undefined;
  return refuse(
    "IMMUTABLE_FIELD",
    `Order ${before.id} is ${before.status}; its contents can change ` +
      "only while it is pending.",
  );
}

function whileAssignable({ before, after }: Change<Order>) {
  if (ASSIGNABLE_STATUSES.includes(after.status)) return undefined;
  return refuse(
    "BUSINESS_RULE",
    `Order ${before.id} is ${after.status}; assign a rider while it is ` +
      `${ASSIGNABLE_STATUSES.join(", ")}.`,
  );
}

function whenStopping({ before, after }: Change<Order>) {
  if (after.status === "rejected" || after.status === "cancelled") {
    return undefined;
  }
  return refuse(
    "BUSINESS_RULE",
    `Give a rejectionReason only when rejecting or cancelling order ` +
      `${before.id}.`,
  );
}

export const ordersRules = defineRules<Order>({
  collection: "orders",
  noun: "order",
  scopes: (order) => [
    ...scope("customer", order.customerId),
    ...scope("store", order.storeId),
    ...scope("rider", order.riderId),
  ],
  relations: {
    customer: {
      holds: (user, order) =>
        user.role === "customer" && user.id === order.customerId,
      describe: (order) => `the customer who placed it (${order.customerId})`,
    },
    storeStaff: staffOf((order) => order.storeId),
    assignedRider: {
      holds: (user, order) =>
        user.role === "rider" &&
        user.riderId !== undefined &&
        user.riderId === order.riderId,
      describe: (order) => `its assigned rider (${order.riderId ?? "none"})`,
    },
  },
  create: [{ by: ["customer"], check: newOrderRefusal }],
  fields: [
    { paths: CONTENTS, by: ["customer"], when: whilePending },
    { paths: ["riderId"], by: ["storeStaff"], when: whileAssignable },
    { paths: ["rejectionReason"], by: ["storeStaff"], when: whenStopping },
    { paths: ["payment.status"], by: ["storeStaff", "assignedRider"] },
  ],
  immutable: ["id", "customerId", "storeId", "createdAt"],
  // Intake's decision and the server's dispatch notes: absent on a new
  // order, never changed by a client (issue 5, server/src/reconcile).
  serverOwned: [
    { path: "formerRiderIds" },
    { path: "intake" },
    { path: "dispatch" },
  ],
  locks: [
    {
      paths: CONTENTS,
      holds: wasAccepted,
      reason: "once the store has accepted the order",
    },
    {
      paths: ["riderId"],
      holds: wasPickedUp,
      reason: "once a rider has picked the order up",
    },
  ],
  status: ORDER_MACHINE,
  invariants: orderProblems,
  merge: [
    { paths: ["status"], strategy: furthest(ORDER_RANK) },
    { paths: ["statusHistory"], strategy: union(compareEvents) },
    // Items and total travel together so that a merge never pairs one
    // side's items with the other side's total.
    { paths: ["items", "totalXaf"], strategy: lww() },
    { paths: ["payment.method"], strategy: lww() },
    { paths: ["payment.status"], strategy: lww() },
  ],
  ancestry: (base, master) => {
    const known = new Set(master.statusHistory.map(eventKey));
    const unknown = base.statusHistory.find((e) => !known.has(eventKey(e)));
    if (unknown === undefined) return undefined;
    return (
      `Your copy of order ${base.id} records "${unknown.status}" at ` +
      `${unknown.at}, which the server never held; pull and retry.`
    );
  },
});
