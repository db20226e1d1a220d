/** The sync scenarios, in the order the table shows them. */
import { catalogCold, catalogIncremental } from "./catalog.ts";
import { orderOffline } from "./customer.ts";
import { riderReconnect } from "./rider.ts";
import type { SyncScenario } from "./types.ts";

export const SYNC_SCENARIOS: readonly SyncScenario[] = [
  catalogCold,
  catalogIncremental,
  riderReconnect,
  orderOffline,
];
