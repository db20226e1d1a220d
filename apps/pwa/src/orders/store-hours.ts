/**
 * Is a store taking orders now? The same test the server's order intake
 * makes (server/src/reconcile/store-hours.ts): the `open` switch, and
 * the local time in Cameroon (UTC+1, no daylight saving) within the
 * hours; equal times mean round the clock, hours may run past midnight.
 * The app only uses it to warn before a customer places an order that
 * intake would refuse.
 */
import type { StoreDoc } from "@okada/sync-rules";

const CAMEROON_UTC_OFFSET_MIN = 60;

function minutesOf(clock: string): number {
  const [hours = "0", minutes = "0"] = clock.split(":");
  return Number(hours) * 60 + Number(minutes);
}

export function openNow(store: StoreDoc, at = new Date()): boolean {
  if (!store.open) return false;
  const utc = at.getUTCHours() * 60 + at.getUTCMinutes();
  const now = (utc + CAMEROON_UTC_OFFSET_MIN) % 1440;
  const opens = minutesOf(store.hours.opens);
  const closes = minutesOf(store.hours.closes);
  if (opens === closes) return true;
  return opens < closes
    ? now >= opens && now < closes
    : now >= opens || now < closes;
}
