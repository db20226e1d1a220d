import type { OrderDoc, WireDoc } from "@okada/sync-rules";

/** A local order in the shape the rules read. */
export function asWire(order: Readonly<OrderDoc>): WireDoc {
  return { ...order, _deleted: false };
}

/**
 * A recorded time for a new change, later than `previous` even when
 * this phone's clock is behind: merges take the later `updatedAt`.
 */
export function stampAfter(previous: string, now = Date.now()): string {
  const floor = Date.parse(previous) + 1;
  return new Date(
    Number.isNaN(floor) ? now : Math.max(now, floor),
  ).toISOString();
}
