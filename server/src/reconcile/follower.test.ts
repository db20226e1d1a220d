/**
 * The follower against an in-memory feed and server database: order,
 * resumption from the checkpoint, retries while the store is down, and
 * giving up on a change that can never be handled.
 */
import { describe, expect, it } from "vitest";
import { OkadaError } from "@okada/sync-rules";
import { waitFor } from "@okada/test-tools";
import type {
  Change,
  ChangesPage,
  CollectionStore,
  MetaDoc,
  MetaPutResult,
  MetaStore,
} from "../store/types.ts";
import { Checkpoint } from "./checkpoint.ts";
import { Follower } from "./follower.ts";

/** Changes with sequences "1".."n", two per page, longpoll on the end. */
class FakeFeed implements CollectionStore {
  readonly name = "orders";
  readonly dbName = "t_orders";
  readonly log: Change[];

  constructor(count: number) {
    this.log = Array.from({ length: count }, (_, i) => ({
      id: `o${i + 1}`,
      seq: String(i + 1),
      deleted: false,
      doc: { _id: `o${i + 1}` },
    }));
  }

  waitForChanges(
    since: string,
    _timeoutMs: number,
    signal: AbortSignal,
  ): Promise<ChangesPage> {
    const after = this.log.filter((c) => Number(c.seq) > Number(since));
    if (after.length > 0) {
      const results = after.slice(0, 2);
      return Promise.resolve({ results, lastSeq: results.at(-1)!.seq });
    }
    return new Promise((resolve) => {
      const quiet = () => resolve({ results: [], lastSeq: since });
      const timer = setTimeout(quiet, 20);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        quiet();
      });
    });
  }
  changes(): never {
    throw new Error("not used");
  }
  currentSeq(): never {
    throw new Error("not used");
  }
  getMany(): never {
    throw new Error("not used");
  }
  bulkWrite(): never {
    throw new Error("not used");
  }
}

class FakeMeta implements MetaStore {
  readonly docs = new Map<string, MetaDoc>();
  #revs = 0;
  get(id: string): Promise<MetaDoc | undefined> {
    return Promise.resolve(this.docs.get(id));
  }
  put(
    id: string,
    value: Readonly<Record<string, unknown>>,
    rev?: string,
  ): Promise<MetaPutResult> {
    if (this.docs.get(id)?.rev !== rev) return Promise.resolve({ ok: false });
    const next = `${++this.#revs}-x`;
    this.docs.set(id, { rev: next, value });
    return Promise.resolve({ ok: true, rev: next });
  }
  seq(): unknown {
    return this.docs.get("cp")?.value["seq"];
  }
}

function follow(
  feed: FakeFeed,
  meta: FakeMeta,
  handle: (change: Change) => Promise<void>,
) {
  const follower = new Follower(
    feed,
    new Checkpoint(meta, "cp", "me"),
    handle,
    {
      retryMinMs: 1,
      retryMaxMs: 5,
      maxAttempts: 3,
      saveEveryMs: 0,
    },
  );
  follower.start();
  return follower;
}

describe("following a change feed from a saved checkpoint", () => {
  it("hands every change over once, in order, and saves the position", async () => {
    const feed = new FakeFeed(5);
    const meta = new FakeMeta();
    const seen: string[] = [];
    const follower = follow(feed, meta, (c) => {
      seen.push(c.id);
      return Promise.resolve();
    });
    await waitFor(() => meta.seq() === "5", "the checkpoint at 5");
    await follower.stop();
    expect(seen).toEqual(["o1", "o2", "o3", "o4", "o5"]);
  });

  it("resumes after the saved checkpoint", async () => {
    const feed = new FakeFeed(4);
    const meta = new FakeMeta();
    await meta.put("cp", { seq: "2" });
    const seen: string[] = [];
    const follower = follow(feed, meta, (c) => {
      seen.push(c.id);
      return Promise.resolve();
    });
    await waitFor(() => meta.seq() === "4", "the checkpoint at 4");
    await follower.stop();
    expect(seen).toEqual(["o3", "o4"]);
  });

  it("retries a change while the store is down, skipping nothing", async () => {
    const feed = new FakeFeed(3);
    const meta = new FakeMeta();
    const seen: string[] = [];
    let failures = 6; // more than maxAttempts: a down store is waited out
    const follower = follow(feed, meta, (c) => {
      if (c.id === "o2" && failures-- > 0) {
        return Promise.reject(new OkadaError("STORE_UNAVAILABLE", "down"));
      }
      seen.push(c.id);
      return Promise.resolve();
    });
    await waitFor(() => meta.seq() === "3", "the checkpoint at 3");
    await follower.stop();
    expect(seen).toEqual(["o1", "o2", "o3"]);
  });

  it("gives up a change that can never be handled, after maxAttempts", async () => {
    const feed = new FakeFeed(3);
    const meta = new FakeMeta();
    const attempts: string[] = [];
    const follower = follow(feed, meta, (c) => {
      attempts.push(c.id);
      return c.id === "o2"
        ? Promise.reject(new OkadaError("INTERNAL", "broken"))
        : Promise.resolve();
    });
    await waitFor(() => meta.seq() === "3", "the checkpoint at 3");
    await follower.stop();
    expect(attempts).toEqual(["o1", "o2", "o2", "o2", "o3"]);
  });

  it("stops promptly while waiting, and runs nothing after", async () => {
    const feed = new FakeFeed(1);
    const meta = new FakeMeta();
    const seen: string[] = [];
    const follower = follow(feed, meta, (c) => {
      seen.push(c.id);
      return Promise.resolve();
    });
    await waitFor(() => meta.seq() === "1", "the checkpoint at 1");
    await follower.stop();
    feed.log.push({
      id: "o2",
      seq: "2",
      deleted: false,
      doc: { _id: "o2" },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(["o1"]);
  });
});
