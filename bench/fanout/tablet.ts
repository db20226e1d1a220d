/**
 * The staff tablet of the fan-out: moves orders along the store's
 * steps (accept with a rider, start preparing, mark ready) at a fixed
 * rate, each change one `push` over socket.io, and notes when each left.
 */
import type { Socket } from "socket.io-client";
import {
  SOCKET_PROTOCOL_VERSION,
  type OrderDoc,
  type OrderStatus,
  type PushReply,
  type ErrorReply,
  type WireDoc,
} from "@okada/sync-rules";
import { advanced } from "../scenarios/orders.ts";

const STEPS: readonly OrderStatus[] = ["accepted", "preparing", "ready"];

export interface SentChange {
  orderId: string;
  status: OrderStatus;
  customerId: string;
  riderId: string | undefined;
  /** performance.now() just before the push left. */
  sentAt: number;
  /** When the server acknowledged it (the store holds it); NaN: never. */
  ackedAt: number;
}

export interface TabletRun {
  sent: SentChange[];
  /** Pushes the server refused or failed, with why. */
  failures: string[];
}

export interface TabletPlan {
  socket: Socket;
  tabletId: string;
  orders: OrderDoc[];
  /** Rider ids to assign, round robin, when an order is accepted. */
  riderIds: readonly string[];
  changes: number;
  perSecond: number;
}

/** The next state of `order` and whether it has one. */
function step(order: OrderDoc, plan: TabletPlan, index: number) {
  const at = new Date().toISOString();
  const status = STEPS[STEPS.indexOf(order.status) + 1] ?? "accepted";
  if (order.status === "ready") return undefined;
  const moved = advanced(order, status, plan.tabletId, at);
  if (status !== "accepted") return moved;
  const riderId = plan.riderIds[index % plan.riderIds.length];
  return riderId === undefined ? moved : { ...moved, riderId };
}

function push(socket: Socket, before: OrderDoc, after: OrderDoc) {
  const wire = (o: OrderDoc): WireDoc => ({ ...o, _deleted: false });
  const row = {
    assumedMasterState: wire(before),
    newDocumentState: wire(after),
  };
  return socket.timeout(30_000).emitWithAck("push", {
    v: SOCKET_PROTOCOL_VERSION,
    rows: { orders: [row] },
  }) as Promise<PushReply | ErrorReply>;
}

/** Runs the plan; resolves once every push is acknowledged. */
export async function runTablet(plan: TabletPlan): Promise<TabletRun> {
  const current = new Map(plan.orders.map((o) => [o.id, o]));
  const run: TabletRun = { sent: [], failures: [] };
  const acks: Promise<void>[] = [];
  const interval = 1000 / plan.perSecond;
  const start = performance.now();
  for (let i = 0; i < plan.changes; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const listed = plan.orders[i % plan.orders.length];
    const before = listed && current.get(listed.id);
    const after = before && step(before, plan, i);
    if (!before || !after) {
      run.failures.push(`change ${i}: no next status`);
      continue;
    }
    const sent: SentChange = {
      orderId: after.id,
      status: after.status,
      customerId: after.customerId,
      riderId: after.riderId,
      sentAt: performance.now(),
      ackedAt: NaN,
    };
    run.sent.push(sent);
    acks.push(
      push(plan.socket, before, after).then(
        (reply) => {
          sent.ackedAt = performance.now();
          if (!reply.ok) run.failures.push(reply.error.message);
          const refused = reply.ok ? reply.results.orders?.rejections[0] : null;
          if (refused) run.failures.push(`${refused.code} ${refused.message}`);
        },
        (error: unknown) => {
          run.failures.push(String(error));
        },
      ),
    );
    // The same order comes round again only after every other order has
    // moved (10 s at 20/s with 200 orders): its ack is long back by then.
    current.set(after.id, after);
  }
  await Promise.all(acks);
  return run;
}
