/**
 * What a user may see, decided by the sync-rules read scopes on every
 * document the server sends, on every transport, live streams included.
 */
import {
  createReader,
  type CollectionName,
  type StoreDirectory,
  type WireDoc,
} from "@okada/sync-rules";
import type { SyncUser } from "./user.ts";

/**
 * `visible`: send it. `removed`: the user held it before and lost it
 * (an order reassigned to another rider); send a removal so their client
 * drops it. `hidden`: never send anything.
 */
export type Visibility = "visible" | "removed" | "hidden";

export type Viewer = (collection: CollectionName, doc: WireDoc) => Visibility;

export interface ReadPolicy {
  /** A viewer with the user's scopes worked out once. */
  viewerFor(user: SyncUser): Viewer;
}

function heldBefore(user: SyncUser, doc: WireDoc): boolean {
  const former = doc["formerRiderIds"];
  return (
    user.riderId !== undefined &&
    Array.isArray(former) &&
    former.includes(user.riderId)
  );
}

/** Okada's read rules over a live directory of stores by city. */
export function rulesReadPolicy(directory: () => StoreDirectory): ReadPolicy {
  return {
    viewerFor(user) {
      const canRead = createReader(user, directory());
      return (collection, doc) => {
        if (canRead(collection, doc)) return "visible";
        if (collection === "orders" && heldBefore(user, doc)) return "removed";
        return "hidden";
      };
    },
  };
}

/** Every authenticated user reads everything (tools and tests). */
export const openReadPolicy: ReadPolicy = {
  viewerFor: () => () => "visible",
};

/** Statuses only an order's assigned rider records. */
const RIDER_STATUSES: ReadonlySet<unknown> = new Set([
  "picked_up",
  "delivered",
  "failed",
]);

/**
 * The removal a former holder receives: the document marked deleted,
 * without anything that names who holds it now: its rider, the riders it
 * passed through, and the events only its rider records (which are never
 * the former holder's own: a rider who picked an order up keeps it).
 */
export function removalOf(doc: WireDoc): WireDoc {
  const { riderId: _current, formerRiderIds: _riders, ...rest } = doc;
  const history = doc["statusHistory"];
  const statusHistory = Array.isArray(history)
    ? history.filter(
        (event: { status?: unknown }) => !RIDER_STATUSES.has(event.status),
      )
    : history;
  return { ...rest, statusHistory, _deleted: true };
}

/** Applies a viewer to a batch: visible docs and removals, in order. */
export function visibleTo(
  viewer: Viewer,
  collection: CollectionName,
  docs: readonly WireDoc[],
): WireDoc[] {
  const out: WireDoc[] = [];
  for (const doc of docs) {
    const seen = viewer(collection, doc);
    if (seen === "visible") out.push(doc);
    else if (seen === "removed") out.push(removalOf(doc));
  }
  return out;
}
