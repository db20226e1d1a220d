/**
 * What every order must satisfy, whoever wrote it and however it was
 * merged. Each check is chosen to survive a merge: the status is the
 * furthest one recorded (not the last event, because merged histories
 * sort by the writers' clocks, which disagree).
 */
import type { OrderDoc } from "../../schemas/orders.ts";
import type { Wire } from "../define.ts";
import { eventKey } from "../status.ts";
import { ORDER_RANK } from "./order-status.ts";

type Order = Wire<OrderDoc>;

export function orderProblems(order: Order): string[] {
  const problems: string[] = [];
  const sum = order.items.reduce((s, i) => s + i.qty * i.unitPriceXaf, 0);
  if (sum !== order.totalXaf) {
    problems.push(
      `totalXaf is ${order.totalXaf} but the items add up to ${sum}.`,
    );
  }
  problems.push(...historyProblems(order));
  if (order.status === "rejected" && !order.rejectionReason?.trim()) {
    problems.push("A rejected order needs a rejectionReason.");
  }
  const withRider = ["picked_up", "delivered", "failed"];
  if (withRider.includes(order.status) && order.riderId === undefined) {
    problems.push(`A ${order.status} order needs its riderId.`);
  }
  return problems;
}

function historyProblems(order: Order): string[] {
  const history = order.statusHistory;
  if (!history.some((event) => event.status === "pending")) {
    return ["statusHistory must record the order's pending event."];
  }
  const problems: string[] = [];
  const keys = new Set(history.map(eventKey));
  if (keys.size !== history.length) {
    problems.push("statusHistory records the same event twice.");
  }
  const furthest = history.reduce(
    (best, e) => (ORDER_RANK[e.status] > ORDER_RANK[best] ? e.status : best),
    history[0]?.status ?? "pending",
  );
  if (furthest !== order.status) {
    problems.push(
      `status is ${order.status} but the furthest status in ` +
        `statusHistory is ${furthest}.`,
    );
  }
  return problems;
}

/** A new order records exactly one event: its creation, pending. */
export function newOrderHistoryProblem(
  order: Order,
  userId: string,
): string | undefined {
  const [first, ...rest] = order.statusHistory;
  if (first?.status === "pending" && first.by === userId && rest.length === 0) {
    return undefined;
  }
  return (
    `statusHistory of new order ${order.id} must be exactly ` +
    `[{status: "pending", at, by: "${userId}"}].`
  );
}
