import { describe, expect, it } from "vitest";
import type { PushResult, PushRow, WireDoc } from "@okada/sync-rules";
import { CollectionPusher } from "./push-rows.ts";

const doc = (id: string, extra: Record<string, unknown> = {}): WireDoc => ({
  id,
  _deleted: false,
  ...extra,
});
const stock = (onHand: number, extra: Record<string, unknown> = {}) =>
  doc("s1", { onHand, ...extra });

/** A pusher over a scripted server and a scripted local copy. */
function setup(...replies: PushResult[]) {
  const sent: PushRow[][] = [];
  const events: string[] = [];
  const local = new Map<string, WireDoc>();
  const serverCopies = new Set<string>();
  /** Runs while a push is on the wire: the app writes meanwhile. */
  const during: (() => void)[] = [];
  const pusher = new CollectionPusher(
    "stock",
    {
      push: (_name, rows) => {
        sent.push(rows);
        during.shift()?.();
        const reply = replies.shift();
        if (!reply) throw new Error("no reply scripted");
        return Promise.resolve(reply);
      },
    },
    {
      rejected: (c, r) => events.push(`rejected ${c}/${r.id} ${r.code}`),
      merged: (c, id) => events.push(`merged ${c}/${id}`),
    },
    (ids) =>
      Promise.resolve(
        new Map(
          ids.flatMap((id) => {
            const d = local.get(id);
            const fromServer = serverCopies.has(id);
            return d ? [[id, { doc: d, fromServer }] as const] : [];
          }),
        ),
      ),
  );
  return { pusher, sent, events, local, serverCopies, during };
}

describe("CollectionPusher", () => {
  it("hands a merged master to RxDB and reports the merge", async () => {
    const s = setup({ conflicts: [stock(7)], rejections: [] });
    s.local.set("s1", stock(8));
    const adopted = await s.pusher.push([
      { assumedMasterState: stock(10), newDocumentState: stock(8) },
    ]);
    expect(adopted).toEqual([stock(7)]);
    expect(s.events).toEqual(["merged stock/s1"]);
  });

  it("does not call server bookkeeping a merge", async () => {
    const master = stock(8, { appliedWrites: ["abc"] });
    const s = setup({ conflicts: [master], rejections: [] });
    s.local.set("s1", stock(8));
    const rows = [
      { assumedMasterState: stock(10), newDocumentState: stock(8) },
    ];
    expect(await s.pusher.push(rows)).toEqual([master]);
    expect(s.events).toEqual([]);
  });

  it("withholds the master when the local copy moved on, so the next push has the pushed state as base", async () => {
    // Pushed 10 -> 8 while staff received 5 (server 15 -> 13). Before the
    // answer came, the app sold 1 more: local 7.
    const s = setup(
      { conflicts: [stock(13)], rejections: [] },
      { conflicts: [stock(12)], rejections: [] },
    );
    s.local.set("s1", stock(8));
    s.during.push(() => s.local.set("s1", stock(7)));
    const first = await s.pusher.push([
      { assumedMasterState: stock(10), newDocumentState: stock(8) },
    ]);
    expect(first).toEqual([]);
    // RxDB now records 8 as the base and pushes 8 -> 7: the server
    // applies -1 once (13 -> 12), not -3.
    const second = await s.pusher.push([
      { assumedMasterState: stock(8), newDocumentState: stock(7) },
    ]);
    expect(s.sent[1]).toEqual([
      { assumedMasterState: stock(8), newDocumentState: stock(7) },
    ]);
    expect(second).toEqual([stock(12)]);
  });

  it("replaces a stale base when RxDB could not adopt the master", async () => {
    const s = setup(
      { conflicts: [stock(13)], rejections: [] },
      { conflicts: [stock(12)], rejections: [] },
    );
    s.local.set("s1", stock(8));
    await s.pusher.push([
      { assumedMasterState: stock(10), newDocumentState: stock(8) },
    ]);
    // The app wrote 7 just before RxDB's write of 13: RxDB keeps base 10.
    s.local.set("s1", stock(7));
    await s.pusher.push([
      { assumedMasterState: stock(10), newDocumentState: stock(7) },
    ]);
    expect(s.sent[1]).toEqual([
      { assumedMasterState: stock(8), newDocumentState: stock(7) },
    ]);
  });

  it("turns a refusal into a rejected-write event and reverts to the master", async () => {
    const master = stock(100);
    const s = setup({
      conflicts: [master],
      rejections: [{ id: "s1", code: "FORBIDDEN", message: "no", master }],
    });
    s.local.set("s1", stock(1));
    const adopted = await s.pusher.push([
      { assumedMasterState: master, newDocumentState: stock(1) },
    ]);
    expect(adopted).toEqual([master]);
    expect(s.events).toEqual(["rejected stock/s1 FORBIDDEN"]);
  });

  it("removes the local copy of a refused create", async () => {
    const created = stock(5);
    const s = setup({
      conflicts: [],
      rejections: [
        { id: "s1", code: "FORBIDDEN", message: "no", master: null },
      ],
    });
    const adopted = await s.pusher.push([{ newDocumentState: created }]);
    expect(adopted).toEqual([{ ...created, _deleted: true }]);
  });

  it("refreshes, not pushes, a server state RxDB mistakes for a write", async () => {
    // RxDB's downstream wrote 9 locally but lost the race to record it
    // as the base, which the upstream had just set to 11.
    const s = setup({ conflicts: [stock(11)], rejections: [] });
    s.local.set("s1", stock(9));
    s.serverCopies.add("s1");
    const adopted = await s.pusher.push([
      { assumedMasterState: stock(11), newDocumentState: stock(9) },
    ]);
    expect(s.sent[0]).toEqual([
      { assumedMasterState: stock(9), newDocumentState: stock(9) },
    ]);
    expect(adopted).toEqual([stock(11)]);
  });

  it("does not send a state that is no longer the local copy", async () => {
    const s = setup();
    s.local.set("s1", stock(5, { updatedAt: "newer" }));
    const adopted = await s.pusher.push([
      { assumedMasterState: stock(9), newDocumentState: stock(6) },
    ]);
    expect(s.sent).toEqual([]);
    // Handed back as a master: RxDB's write of it fails on the newer
    // revision, so its base stays.
    expect(adopted).toEqual([stock(5, { updatedAt: "newer" })]);
  });

  it("answers locally a row that only restates its base", async () => {
    const s = setup();
    const adopted = await s.pusher.push([
      { assumedMasterState: stock(3), newDocumentState: { ...stock(3) } },
    ]);
    expect(adopted).toEqual([]);
    expect(s.sent).toEqual([]);
  });
});
