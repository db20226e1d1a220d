/**
 * Dispatch decisions, as a pure function of the open orders, the riders
 * and the stores:
 *
 * 1. Unreachable riders. An order not yet picked up (accepted, preparing
 *    or ready) whose rider has shown no sign of life (a location fix or
 *    a change to their rider document) and whose order has not changed
 *    for the threshold is taken off that rider. The order's own changes
 *    count so that a rider just assigned is given the threshold too.
 * 2. Auto-assignment (optional). Each ready order without a rider, oldest
 *    first, gets the nearest rider to its store who is available, in the
 *    store's city, reachable (a fix within the threshold), carries no
 *    other open order and never held this one before. Ties go to the
 *    smaller rider ID.
 *
 * Times are the devices' recorded times, compared with the server's
 * clock; see LIMITATIONS.md.
 */
import {
  ASSIGNABLE_STATUSES,
  type RiderDoc,
  type StoreDoc,
} from "@okada/sync-rules";
import type { Order } from "./docs.ts";

export interface DispatchFacts {
  /** Orders accepted, preparing, ready or picked up. */
  orders: readonly Order[];
  /** At least the riders of `orders` and every available rider. */
  riders: ReadonlyMap<string, RiderDoc>;
  stores: ReadonlyMap<string, StoreDoc>;
  now: Date;
  /** 0: nobody is ever unreachable (the sweep is off). */
  unreachableMs: number;
  autoAssign: boolean;
}

export interface Assignment {
  orderId: string;
  riderId: string;
}

export interface DispatchPlan {
  unassign: Assignment[];
  assign: Assignment[];
}

function time(iso: string | undefined): number {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** The rider's latest recorded sign of life, in epoch milliseconds. */
export function lastSeen(rider: RiderDoc | undefined): number {
  if (rider === undefined) return Number.NEGATIVE_INFINITY;
  return Math.max(time(rider.updatedAt), time(rider.location?.recordedAt));
}

/** Should `order` be taken off its rider? */
export function riderUnreachable(
  order: Order,
  rider: RiderDoc | undefined,
  now: Date,
  unreachableMs: number,
): boolean {
  if (unreachableMs <= 0 || order.riderId === undefined) return false;
  if (!ASSIGNABLE_STATUSES.includes(order.status)) return false;
  const quietSince = Math.max(lastSeen(rider), time(order.updatedAt));
  return now.getTime() - quietSince > unreachableMs;
}

/** Great-circle distance in kilometres. */
export function distanceKm(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function reachable(rider: RiderDoc, facts: DispatchFacts): boolean {
  if (facts.unreachableMs <= 0) return true;
  return facts.now.getTime() - lastSeen(rider) <= facts.unreachableMs;
}

function nearest(
  order: Order,
  store: StoreDoc,
  busy: ReadonlySet<string>,
  facts: DispatchFacts,
): RiderDoc | undefined {
  const former = new Set(order.formerRiderIds ?? []);
  const candidates = [...facts.riders.values()].filter(
    (r) =>
      r.availability === "available" &&
      r.city === store.city &&
      r.location !== undefined &&
      !busy.has(r.id) &&
      !former.has(r.id) &&
      reachable(r, facts),
  );
  const away = (r: RiderDoc) =>
    r.location ? distanceKm(r.location, store.location) : Infinity;
  candidates.sort((a, b) => away(a) - away(b) || (a.id < b.id ? -1 : 1));
  return candidates[0];
}

export function planDispatch(facts: DispatchFacts): DispatchPlan {
  const unassign: Assignment[] = [];
  const busy = new Set<string>();
  for (const order of facts.orders) {
    if (order.riderId === undefined) continue;
    const rider = facts.riders.get(order.riderId);
    if (riderUnreachable(order, rider, facts.now, facts.unreachableMs)) {
      unassign.push({ orderId: order.id, riderId: order.riderId });
    } else {
      busy.add(order.riderId);
    }
  }
  if (!facts.autoAssign) return { unassign, assign: [] };
  const freed = new Map(unassign.map((u) => [u.orderId, u.riderId]));
  const waiting = facts.orders
    .filter(
      (o) =>
        o.status === "ready" && (o.riderId === undefined || freed.has(o.id)),
    )
    .sort((a, b) =>
      a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
    );
  const assign: Assignment[] = [];
  for (const order of waiting) {
    const store = facts.stores.get(order.storeId);
    if (store === undefined) continue;
    const former = freed.get(order.id);
    const view: Order =
      former === undefined
        ? order
        : {
            ...order,
            formerRiderIds: [...(order.formerRiderIds ?? []), former],
          };
    const rider = nearest(view, store, busy, facts);
    if (rider === undefined) continue;
    busy.add(rider.id);
    assign.push({ orderId: order.id, riderId: rider.id });
  }
  return { unassign, assign };
}
