/** The rider's own document: availability and location. */
import type { RiderAvailability, RiderLocation } from "@okada/sync-rules";
import { stampAfter } from "../orders/wire.ts";
import type { WorkspaceValue } from "../workspace/context.ts";

export async function setAvailability(
  ws: WorkspaceValue,
  availability: RiderAvailability,
): Promise<void> {
  const id = ws.user.riderId;
  const doc = id === undefined ? null : await ws.db.riders.findOne(id).exec();
  if (doc === null) return;
  await doc.incrementalModify((rider) => ({
    ...rider,
    availability,
    updatedAt: stampAfter(rider.updatedAt),
  }));
  ws.journal.record({
    collection: "riders",
    id: doc.id,
    action: "availability",
    at: Date.now(),
  });
}

export async function writeLocation(
  ws: WorkspaceValue,
  location: RiderLocation,
): Promise<boolean> {
  const id = ws.user.riderId;
  const doc = id === undefined ? null : await ws.db.riders.findOne(id).exec();
  if (doc === null) return false;
  await doc.incrementalModify((rider) => ({
    ...rider,
    location,
    updatedAt: stampAfter(rider.updatedAt),
  }));
  ws.journal.record({
    collection: "riders",
    id: doc.id,
    action: "location",
    at: Date.now(),
  });
  return true;
}
