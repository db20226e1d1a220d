/**
 * What an order needs from intake, read from the order alone. The order
 * carries intake's record (`intake`), so any server instance, after any
 * restart, reaches the same plan, and an order that needs nothing gets
 * no write: that is what makes processing idempotent.
 *
 *   status                          | intake record          | plan
 *   --------------------------------+------------------------+---------
 *   pending                         | none, or other items   | evaluate
 *   accepted..picked_up             | none, waiting, or      | late
 *                                   | other items            |
 *   rejected, cancelled, failed     | units held             | release
 *   deleted                         | none, or units held    | release
 *   rejected, cancelled, failed,    | none                   | (unrecorded)
 *   delivered                       |                        |
 *   delivered                       | any, not yet deducted  | deduct
 *   anything else                   |                        | none
 *
 * "Unrecorded" releases sweep holds a crashed attempt may have left and
 * write nothing on the order. A delivered order intake never saw in
 * flight is left alone: nothing says its units were ever counted.
 */
import { createHash } from "node:crypto";
import {
  canonicalJson,
  type OrderDoc,
  type OrderItem,
  type OrderStatus,
} from "@okada/sync-rules";

export type OrderPlan =
  | { kind: "none" }
  | { kind: "evaluate" }
  | { kind: "late" }
  | { kind: "release"; record: boolean }
  | { kind: "deduct" };

const IN_FLIGHT: readonly OrderStatus[] = [
  "accepted",
  "preparing",
  "ready",
  "picked_up",
];
const STOPPED: readonly OrderStatus[] = ["rejected", "cancelled", "failed"];

/** An opaque digest of the items: intake decides again when it moves. */
export function itemsKey(items: readonly OrderItem[]): string {
  return createHash("sha256")
    .update(canonicalJson({ id: "items", items }))
    .digest("hex")
    .slice(0, 16);
}

export function planOrder(order: OrderDoc & { _deleted?: boolean }): OrderPlan {
  const { intake } = order;
  if (order._deleted === true) {
    return intake === undefined || intake.stock === "held"
      ? { kind: "release", record: false }
      : { kind: "none" };
  }
  const fresh = intake?.itemsKey === itemsKey(order.items);
  if (order.status === "pending") {
    return fresh ? { kind: "none" } : { kind: "evaluate" };
  }
  if (IN_FLIGHT.includes(order.status)) {
    const waiting = intake?.outcome === "needs_confirmation";
    return fresh && !waiting ? { kind: "none" } : { kind: "late" };
  }
  if (intake === undefined) return { kind: "release", record: false };
  if (STOPPED.includes(order.status)) {
    return intake.stock === "held"
      ? { kind: "release", record: true }
      : { kind: "none" };
  }
  // delivered
  return intake.stock === "deducted" ? { kind: "none" } : { kind: "deduct" };
}
