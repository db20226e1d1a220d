/**
 * What a status must never say, checked on every status the e2e tests
 * see and by the status unit tests.
 */
import type { SyncStatus } from "./status.ts";

/** What is wrong with `status`, or null when it is consistent. */
export function contradiction(status: SyncStatus): string | null {
  const connected = status.phase === "syncing" || status.phase === "idle";
  if (connected !== status.online) return "phase and online disagree";
  if (status.phase === "idle" && status.pendingTotal > 0) {
    return "idle with pending writes";
  }
  const sum = Object.values(status.pendingWrites).reduce((a, b) => a + b, 0);
  if (sum !== status.pendingTotal) return "pendingTotal is not the sum";
  if (status.retryAt !== null && status.phase !== "offline") {
    return "retryAt outside backoff";
  }
  return null;
}
