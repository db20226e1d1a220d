/**
 * What a link proxy counts. Bytes and messages are counted where they enter
 * the link (when the proxy reads them from a socket), before shaping, so a
 * benchmark reads what each side put on the wire even if a fault later
 * drops it.
 */
export interface LinkStats {
  /** Payload bytes client → server (no TCP/IP headers). */
  bytesUp: number;
  /** Payload bytes server → client. */
  bytesDown: number;
  /** Connections the client opened, blackholed ones included. */
  connections: number;
  /** Connections open right now; `resetStats()` leaves it alone. */
  openConnections: number;
  /** HTTP/1.x requests, WebSocket upgrade requests included. */
  httpRequests: number;
  /** Whole WebSocket data messages client → server (fragments are one). */
  wsMessagesUp: number;
  /** Whole WebSocket data messages server → client. */
  wsMessagesDown: number;
  /** WebSocket ping, pong and close frames, both directions. */
  wsControlFrames: number;
  /**
   * `httpRequests + wsMessagesUp`: an upper bound on the exchanges that
   * cost the client a round trip. Fire-and-forget messages up (acks,
   * socket.io heartbeat replies) are included; server pushes and control
   * frames are not, nor are TCP handshakes (see `connections`).
   */
  roundTrips: number;
}

export type LinkCounters = Omit<LinkStats, "roundTrips" | "openConnections">;

export function zeroCounters(): LinkCounters {
  return {
    bytesUp: 0,
    bytesDown: 0,
    connections: 0,
    httpRequests: 0,
    wsMessagesUp: 0,
    wsMessagesDown: 0,
    wsControlFrames: 0,
  };
}
