import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { OkadaError } from "@okada/sync-rules";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCouchStore } from "./couch-store.ts";
import { startEmbeddedCouch } from "./embedded-couch.ts";
import type { EmbeddedCouch } from "./embedded-couch.ts";
import { storeSuite } from "./store.suite.ts";
import type { Store } from "./types.ts";

const tempDirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "okada-store-"));
  tempDirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(
    tempDirs.map((dir) => rm(dir, { recursive: true, force: true })),
  );
});

describe("embedded store", () => {
  let couch: EmbeddedCouch;
  let stores = 0;

  beforeAll(async () => {
    couch = await startEmbeddedCouch({ dataDir: await tempDir() });
  });
  afterAll(async () => {
    await couch.stop();
  });

  // Every test gets its own databases on the one server, under a new
  // prefix; the temp folder goes at the end.
  storeSuite("the shared store suite", () => {
    stores += 1;
    const prefix = `t${stores}_`;
    return Promise.resolve({
      store: createCouchStore({ url: couch.url, prefix }),
      url: couch.url,
      prefix,
      cleanup: () => Promise.resolve(),
    });
  });
});

describe("embedded store outages", () => {
  let couch: EmbeddedCouch | undefined;

  afterEach(async () => {
    await couch?.stop();
  });

  async function startWithDoc(dataDir: string): Promise<Store> {
    couch = await startEmbeddedCouch({ dataDir });
    const store = createCouchStore({ url: couch.url, prefix: "o_" });
    await store.init();
    await store.collection("orders").bulkWrite([{ _id: "o1", total: 7 }]);
    return store;
  }

  it("fails with STORE_UNAVAILABLE while stopped, then recovers", async () => {
    const store = await startWithDoc(await tempDir());
    const orders = store.collection("orders");
    const since = await orders.currentSeq();
    const waiting = orders.waitForChanges(
      since,
      20_000,
      new AbortController().signal,
    );
    // Let the longpoll reach the server before cutting it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await couch?.stop();

    const unavailable = { code: "STORE_UNAVAILABLE" };
    await expect(waiting).rejects.toMatchObject(unavailable);
    await expect(store.ping()).rejects.toBeInstanceOf(OkadaError);
    await expect(store.ping()).rejects.toMatchObject(unavailable);
    await expect(orders.changes("0", 10)).rejects.toMatchObject(unavailable);
    await expect(orders.getMany(["o1"])).rejects.toMatchObject(unavailable);
    await expect(orders.bulkWrite([{ _id: "o2" }])).rejects.toMatchObject(
      unavailable,
    );
    await expect(store.getUser("a")).rejects.toMatchObject(unavailable);

    await couch?.start();
    await store.ping();
    const found = await orders.getMany(["o1", "o2"]);
    expect([...found.keys()]).toEqual(["o1"]);
    expect(found.get("o1")?.doc).toMatchObject({ total: 7 });
    const [written] = await orders.bulkWrite([{ _id: "o2" }]);
    expect(written?.ok).toBe(true);
  });

  it("keeps the data across a new server on the same folder", async () => {
    const dataDir = await tempDir();
    await startWithDoc(dataDir);
    await couch?.stop();

    couch = await startEmbeddedCouch({ dataDir });
    const store = createCouchStore({ url: couch.url, prefix: "o_" });
    await store.init();
    expect(await store.isEmpty()).toBe(false);
    const page = await store.collection("orders").changes("0", 10);
    expect(page.results.map((c) => c.doc)).toMatchObject([
      { _id: "o1", total: 7 },
    ]);
  });
});
