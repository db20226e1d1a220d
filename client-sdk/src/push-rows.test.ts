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
  const pusher = new CollectionPusher(
    "stock",
    {
      push: (_name, rows) => {
        sent.push(rows);
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
            return d ? [[id, d] as const] : [];
          }),
        ),
      ),
  );
  return { pusher, sent, events, local };
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
    s.local.set("s1", stock(7));
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
    s.local.set("s1", stock(1, { updatedAt: "later" }));
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

  it("answers locally a row that only restates its base", async () => {
    const s = setup();
    const adopted = await s.pusher.push([
      { assumedMasterState: stock(3), newDocumentState: { ...stock(3) } },
    ]);
    expect(adopted).toEqual([]);
    expect(s.sent).toEqual([]);
  });
});
