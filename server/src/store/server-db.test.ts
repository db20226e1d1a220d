/**
 * The server's own additions to the store, on the embedded server: the
 * `<prefix>server` database (compare-and-set documents for checkpoints
 * and leases) and Mango queries on a collection.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCouchStore } from "./couch-store.ts";
import { startEmbeddedCouch, type EmbeddedCouch } from "./embedded-couch.ts";
import type { ServerStore } from "./types.ts";

let dir = "";
let couch: EmbeddedCouch;
let store: ServerStore;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "okada-server-db-"));
  couch = await startEmbeddedCouch({ dataDir: dir });
  store = createCouchStore({ url: couch.url, prefix: "s_" });
  await store.init();
});

afterAll(async () => {
  await couch.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the server database", () => {
  it("creates, reads and replaces a document by revision", async () => {
    const meta = store.meta();
    expect(await meta.get("checkpoint:x")).toBeUndefined();
    const created = await meta.put("checkpoint:x", { seq: "1" });
    if (!created.ok) throw new Error("the first put must land");
    expect(await meta.get("checkpoint:x")).toEqual({
      rev: created.rev,
      value: { seq: "1" },
    });
    const replaced = await meta.put("checkpoint:x", { seq: "2" }, created.rev);
    expect(replaced.ok).toBe(true);
    expect((await meta.get("checkpoint:x"))?.value).toEqual({ seq: "2" });
  });

  it("refuses a stale revision or a second create", async () => {
    const meta = store.meta();
    const first = await meta.put("lease:y", { holder: "a" });
    if (!first.ok) throw new Error("the first put must land");
    expect(await meta.put("lease:y", { holder: "b" })).toEqual({ ok: false });
    await meta.put("lease:y", { holder: "a" }, first.rev);
    expect(await meta.put("lease:y", { holder: "c" }, first.rev)).toEqual({
      ok: false,
    });
    expect((await meta.get("lease:y"))?.value).toEqual({ holder: "a" });
  });

  it("does not make the store look seeded", async () => {
    expect(await store.isEmpty()).toBe(true);
  });
});

describe("Mango queries", () => {
  it("finds live documents by field", async () => {
    const orders = store.collection("orders");
    await orders.bulkWrite([
      { _id: "o1", status: "ready" },
      { _id: "o2", status: "pending" },
      { _id: "o3", status: "picked_up" },
    ]);
    const found = await store.find("orders", {
      selector: { status: { $in: ["ready", "picked_up"] } },
    });
    expect(found.map((d) => d._id).sort()).toEqual(["o1", "o3"]);
    const paged = await store.find("orders", {
      selector: { status: { $in: ["ready", "picked_up"] } },
      limit: 1,
      skip: 1,
    });
    expect(paged).toHaveLength(1);
  });
});
