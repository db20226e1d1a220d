import { describe, expect, it } from "vitest";
import type { Checkpoint, CollectionPull, WireDoc } from "@okada/sync-rules";
import { pullPage } from "./socket-replication.ts";

const cp = (seq: string) => ({ seq: seq as Checkpoint });
const doc = (id: string, extra: Record<string, unknown> = {}): WireDoc => ({
  id,
  _deleted: false,
  ...extra,
});

function pages(...replies: CollectionPull[]) {
  const asked: (string | null)[] = [];
  return {
    asked,
    transport: {
      pull: (_name: string, from: { seq: string } | null) => {
        asked.push(from?.seq ?? null);
        const reply = replies.shift();
        if (!reply) throw new Error("no more pages scripted");
        return Promise.resolve(reply);
      },
    },
  };
}

describe("pullPage", () => {
  it("keeps asking while the server has more and the page is short", async () => {
    const { asked, transport } = pages(
      { documents: [], checkpoint: cp("10"), more: true },
      { documents: [doc("a")], checkpoint: cp("20"), more: true },
      { documents: [doc("b")], checkpoint: cp("30"), more: false },
    );
    const page = await pullPage(transport, "orders", cp("1"), 3);
    expect(asked).toEqual(["1", "10", "20"]);
    expect(page).toEqual({
      documents: [doc("a"), doc("b")],
      checkpoint: cp("30"),
    });
  });

  it("returns a full page at once so that RxDB asks for the next", async () => {
    const { asked, transport } = pages({
      documents: [doc("a"), doc("b")],
      checkpoint: cp("5"),
      more: true,
    });
    const page = await pullPage(transport, "orders", null, 2);
    expect(asked).toEqual([null]);
    expect(page.documents).toHaveLength(2);
  });
});
