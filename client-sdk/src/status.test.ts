import { describe, expect, it } from "vitest";
import { contradiction } from "./status-invariants.ts";
import { MAX_REJECTED_KEPT, SyncStatusModel, phaseOf } from "./status.ts";
import type { SyncStatus } from "./status.ts";

describe("phaseOf", () => {
  it.each([
    ["stopped", false, "offline"],
    ["backoff", true, "offline"],
    ["closed", false, "offline"],
    ["authorizing", false, "connecting"],
    ["connecting", true, "connecting"],
    ["online", true, "syncing"],
    ["online", false, "idle"],
  ] as const)("%s, busy %s: %s", (connection, busy, phase) => {
    expect(phaseOf(connection, busy)).toBe(phase);
  });
});

describe("SyncStatusModel", () => {
  function record(model: SyncStatusModel): SyncStatus[] {
    const seen: SyncStatus[] = [];
    model.status$.subscribe((s) => seen.push(s));
    return seen;
  }

  it("is idle only when online with nothing in flight or pending", () => {
    const model = new SyncStatusModel();
    const seen = record(model);
    model.connection("connecting", null);
    model.connection("online", null);
    model.pending("orders", 2);
    model.requests(1);
    model.pending("orders", 0);
    model.requests(0);
    expect(seen.map((s) => `${s.phase} ${s.pendingTotal}`)).toEqual([
      "offline 0",
      "connecting 0",
      "idle 0",
      "syncing 2",
      "syncing 0",
      "idle 0",
    ]);
    expect(seen.map(contradiction)).toEqual(seen.map(() => null));
  });

  it("says when the next attempt is due while waiting", () => {
    const model = new SyncStatusModel();
    model.connection("backoff", 12_345);
    expect(model.status).toMatchObject({ phase: "offline", retryAt: 12_345 });
    model.connection("connecting", null);
    expect(model.status.retryAt).toBeNull();
  });

  it("emits only real changes", () => {
    const model = new SyncStatusModel();
    const seen = record(model);
    model.requests(0);
    model.replicating(false);
    model.pending("stock", 0);
    expect(seen).toHaveLength(1);
  });

  it("keeps the latest rejected writes, oldest first, and emits each", () => {
    const model = new SyncStatusModel();
    const events: string[] = [];
    model.rejected$.subscribe((r) => events.push(r.id));
    for (let i = 0; i < MAX_REJECTED_KEPT + 5; i++) {
      model.rejected({
        collection: "orders",
        id: `o${i}`,
        code: "FORBIDDEN",
        message: "no",
        at: i,
      });
    }
    const kept = model.status.rejectedWrites;
    expect(kept).toHaveLength(MAX_REJECTED_KEPT);
    expect(kept[0]?.id).toBe("o5");
    expect(kept.at(-1)?.id).toBe(`o${MAX_REJECTED_KEPT + 4}`);
    expect(events).toHaveLength(MAX_REJECTED_KEPT + 5);
  });

  it("drops what a new leader tab had mirrored, except the history", () => {
    const leader = new SyncStatusModel("leader");
    leader.connection("online", null);
    leader.pending("orders", 4);
    leader.merged({ collection: "orders", id: "o1", at: 1 });
    const follower = new SyncStatusModel("follower");
    follower.mirror(leader.status);
    expect(follower.status).toMatchObject({ online: true, tab: "follower" });
    follower.lead();
    expect(follower.status).toMatchObject({
      online: false,
      phase: "offline",
      pendingTotal: 0,
      mergedConflicts: 1,
      tab: "leader",
    });
    expect(contradiction(follower.status)).toBeNull();
  });

  it("counts merged conflicts and keeps the last error after recovery", () => {
    const model = new SyncStatusModel();
    model.merged({ collection: "stock", id: "s1", at: 1 });
    model.merged({ collection: "stock", id: "s2", at: 2 });
    model.error({ code: "LINK_LOST", message: "dropped" }, 3);
    model.connection("online", null);
    expect(model.status).toMatchObject({
      mergedConflicts: 2,
      lastError: { code: "LINK_LOST", at: 3 },
      phase: "idle",
    });
  });
});
