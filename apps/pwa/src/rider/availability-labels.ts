import type { RiderAvailability } from "@okada/sync-rules";
import type { MessageKey } from "../i18n/messages.ts";

export const AVAILABILITY_KEYS = {
  available: "rider.available",
  busy: "rider.busy",
  offline: "rider.offDuty",
} as const satisfies Record<RiderAvailability, MessageKey>;
