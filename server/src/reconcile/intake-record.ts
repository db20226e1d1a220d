/**
 * How intake's decisions are written on the order: the `intake` record
 * and, for a rejection, the status, its history event and the reason
 * the customer reads. Pure: the same decision on the same order gives
 * the same document.
 */
import {
  ORDER_RANK,
  compareTimes,
  type IntakeStock,
  type OrderIntake,
  type StatusEvent,
} from "@okada/sync-rules";
import type { Order } from "./docs.ts";
import type { IntakeDecision } from "./intake-decision.ts";
import { itemsKey } from "./order-plan.ts";
import { SERVER_USER } from "./cas.ts";

function byTime(a: StatusEvent, b: StatusEvent): number {
  return (
    compareTimes(a.at, b.at) || ORDER_RANK[a.status] - ORDER_RANK[b.status]
  );
}

function intakeOf(decision: IntakeDecision, at: Date, order: Order) {
  const intake: OrderIntake = {
    outcome: decision.outcome,
    stock: decision.outcome === "confirmed" ? "held" : "none",
    itemsKey: itemsKey(order.items),
    processedAt: at.toISOString(),
  };
  switch (decision.outcome) {
    case "confirmed":
      intake.held = decision.hold;
      if (decision.adjustments.length > 0) {
        intake.adjustments = decision.adjustments;
      }
      break;
    case "needs_confirmation":
      intake.reason = "PRICE_CHANGED";
      intake.productIds = decision.adjustments
        .filter((a) => !a.honoured)
        .map((a) => a.productId);
      intake.adjustments = decision.adjustments;
      break;
    case "short":
      intake.reason = "OUT_OF_STOCK";
      intake.productIds = decision.productIds;
      break;
    case "rejected":
      intake.reason = decision.reason;
      if (decision.productIds.length > 0) {
        intake.productIds = decision.productIds;
      }
      break;
  }
  return intake;
}

/** The order with intake's decision recorded. */
export function recordDecision(
  order: Order,
  decision: IntakeDecision,
  at: Date,
): Order {
  const next: Order = { ...order, intake: intakeOf(decision, at, order) };
  if (decision.outcome !== "rejected") return next;
  const event: StatusEvent = {
    status: "rejected",
    at: at.toISOString(),
    by: SERVER_USER.id,
  };
  return {
    ...next,
    status: "rejected",
    statusHistory: [...order.statusHistory, event].sort(byTime),
    rejectionReason: decision.message,
  };
}

/** The order with what became of its units; `held` goes with them. */
export function recordStock(order: Order, stock: IntakeStock): Order {
  if (order.intake === undefined) return order;
  const { held: _held, ...rest } = order.intake;
  return { ...order, intake: { ...rest, stock } };
}
