/**
 * Status sharing between tabs, with two models on one BroadcastChannel
 * name in one process, as two tabs would have.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SyncStatusModel } from "./status.ts";
import type { RejectedWrite } from "./status.ts";
import { TabStatusChannel } from "./tab-status.ts";

const open: TabStatusChannel[] = [];

afterEach(() => {
  for (const channel of open.splice(0)) channel.close();
});

/** Wires a model to a channel the way the client does. */
function tab(name: string, model: SyncStatusModel): TabStatusChannel {
  const follows = () => model.status.tab === "follower";
  const channel = new TabStatusChannel(name, {
    status: (status) => {
      if (follows()) model.mirror(status);
    },
    rejected: (write) => {
      if (follows()) model.echoRejected(write);
    },
    merged: (conflict) => {
      if (follows()) model.echoMerged(conflict);
    },
    ask: () => {
      if (!follows()) channel.post({ type: "status", status: model.status });
    },
  });
  open.push(channel);
  return channel;
}

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

describe("TabStatusChannel", () => {
  it("lets a follower tab mirror the leader's status and events", async () => {
    const name = `okada-sync:test-${Math.random()}`;
    const leader = new SyncStatusModel("leader");
    const leaderChannel = tab(name, leader);
    leader.status$.subscribe((status) =>
      leaderChannel.post({ type: "status", status }),
    );
    leader.rejected$.subscribe((write) =>
      leaderChannel.post({ type: "rejected", write }),
    );
    leader.connection("online", null);
    leader.pending("orders", 3);

    const follower = new SyncStatusModel("follower");
    const followerChannel = tab(name, follower);
    const rejected: RejectedWrite[] = [];
    follower.rejected$.subscribe((write) => rejected.push(write));
    followerChannel.post({ type: "ask" });
    await settle();
    expect(follower.status).toMatchObject({
      online: true,
      phase: "syncing",
      pendingTotal: 3,
      tab: "follower",
    });

    const write = {
      collection: "orders" as const,
      id: "o1",
      code: "FORBIDDEN",
      message: "no",
      at: 1,
    };
    leader.rejected(write);
    leader.pending("orders", 0);
    await settle();
    expect(rejected).toEqual([write]);
    expect(follower.status).toMatchObject({ phase: "idle", pendingTotal: 0 });
    expect(follower.status.rejectedWrites).toEqual([write]);
  });

  it("ignores messages that are not its own", async () => {
    const name = `okada-sync:test-${Math.random()}`;
    const follower = new SyncStatusModel("follower");
    tab(name, follower);
    const stranger = new BroadcastChannel(name);
    stranger.postMessage({ type: "status" });
    stranger.postMessage("hello");
    stranger.postMessage({ type: "other" });
    await settle();
    stranger.close();
    expect(follower.status.phase).toBe("offline");
  });
});
