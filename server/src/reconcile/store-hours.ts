/**
 * Whether a store takes orders at a given instant: its `open` switch is
 * on (staff turn it off for the day, a holiday, a power cut) and the
 * local time is within its hours. Hours that end before they start run
 * past midnight ("18:00"-"02:00").
 */
import type { StoreDoc } from "@okada/sync-rules";

/** Minutes since local midnight at `offsetMinutes` from UTC. */
export function localMinutes(at: Date, offsetMinutes: number): number {
  const utc = at.getUTCHours() * 60 + at.getUTCMinutes();
  return (((utc + offsetMinutes) % 1440) + 1440) % 1440;
}

function minutesOf(clock: string): number {
  const [hours = "0", minutes = "0"] = clock.split(":");
  return Number(hours) * 60 + Number(minutes);
}

export function withinHours(
  hours: StoreDoc["hours"],
  at: Date,
  offsetMinutes: number,
): boolean {
  const now = localMinutes(at, offsetMinutes);
  const opens = minutesOf(hours.opens);
  const closes = minutesOf(hours.closes);
  if (opens === closes) return true; // open round the clock
  return opens < closes
    ? now >= opens && now < closes
    : now >= opens || now < closes;
}

export function isStoreOpen(
  store: StoreDoc,
  at: Date,
  offsetMinutes: number,
): boolean {
  return store.open && withinHours(store.hours, at, offsetMinutes);
}
