/**
 * Link counters turned into the figures of a catch-up (model.ts).
 */
import type { LinkStats } from "@okada/test-tools";
import type { ApproachName } from "../clients/types.ts";
import type { SyncMetrics } from "./model.ts";

/** Connection set-up messages that `syncRoundTrips` leaves out. */
export function handshakeTrips(
  approach: ApproachName,
  stats: Pick<LinkStats, "connections">,
): number {
  // WebSocket upgrade request + socket.io namespace CONNECT.
  return approach === "sdk" ? 2 * stats.connections : 0;
}

export function toMetrics(
  approach: ApproachName,
  stats: LinkStats,
  seconds: number,
): SyncMetrics {
  return {
    bytesUp: stats.bytesUp,
    bytesDown: stats.bytesDown,
    roundTrips: stats.roundTrips,
    syncRoundTrips: Math.max(
      0,
      stats.roundTrips - handshakeTrips(approach, stats),
    ),
    httpRequests: stats.httpRequests,
    wsMessagesUp: stats.wsMessagesUp,
    wsMessagesDown: stats.wsMessagesDown,
    connections: stats.connections,
    seconds,
  };
}
