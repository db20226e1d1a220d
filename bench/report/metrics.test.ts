import { describe, expect, it } from "vitest";
import type { LinkStats } from "@okada/test-tools";
import { toMetrics } from "./metrics.ts";

const stats: LinkStats = {
  bytesUp: 700,
  bytesDown: 2_400,
  connections: 1,
  openConnections: 1,
  httpRequests: 1,
  wsMessagesUp: 3,
  wsMessagesDown: 4,
  wsControlFrames: 0,
  roundTrips: 4,
};

describe("toMetrics", () => {
  it("leaves the socket handshake out of the sync round trips", () => {
    expect(toMetrics("sdk", stats, 1.5)).toMatchObject({
      roundTrips: 4,
      syncRoundTrips: 2,
      seconds: 1.5,
    });
  });

  it("counts every HTTP request of the other approaches", () => {
    const http = { ...stats, httpRequests: 44, wsMessagesUp: 0 };
    const metrics = toMetrics("pouchdb", { ...http, roundTrips: 44 }, 1);
    expect(metrics.syncRoundTrips).toBe(44);
  });
});
