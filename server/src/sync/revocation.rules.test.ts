/**
 * Revocation: staff give an order of rd_dla_01 (rider A) to rd_dla_02
 * (rider B). A's next pull removes it and names nobody who holds it now;
 * B's pull has it; and the stock RxDB client on A's phone drops it live,
 * over the GraphQL stream, without a new pull being started by hand.
 */
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRxStorageDexie } from "rxdb/plugins/storage-dexie";
import { wrappedValidateAjvStorage } from "rxdb/plugins/validate-ajv";
import {
  createOkadaDatabase,
  replicateOkadaGraphQL,
  type OkadaDatabase,
} from "@okada/client-sdk";
import type { SyncCheckpoint, WireDoc } from "@okada/sync-rules";
import { startTestServer, waitFor, type TestServer } from "@okada/test-tools";
import {
  later,
  orderAt,
  pullAll,
  pullPage,
  pushAs,
  seedDocs,
  signInActors,
  step,
  stored,
  type Actors,
} from "./rules-test-support.ts";

const ORDER = "ord_revoked";

let ts: TestServer;
let actors: Actors;
let phone: OkadaDatabase;
let stopReplication: () => Promise<unknown>;
/** Where rider A's pulls stood before the order was taken away. */
let checkpoint: SyncCheckpoint;

/**
 * Rider A's phone: RxDB on an in-memory IndexedDB. This is the SDK's
 * `nodeStorage`, built here because `@okada/client-sdk` does not export it.
 */
async function openPhone(): Promise<void> {
  phone = await createOkadaDatabase({
    name: "rider-a-phone",
    storage: wrappedValidateAjvStorage({
      storage: getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange }),
    }),
    multiInstance: false,
  });
  const replications = Object.values(
    replicateOkadaGraphQL({
      database: phone,
      url: ts.url,
      token: actors.rider.token,
      collections: ["orders", "riders"],
      retryTime: 300,
      waitForLeadership: false,
    }),
  ).filter((r) => r !== undefined);
  stopReplication = () => Promise.all(replications.map((r) => r.cancel()));
  await Promise.all(replications.map((r) => r.awaitInSync()));
}

async function onPhone(id: string) {
  return phone.orders.findOne(id).exec();
}

/** Pushes the next state of the order as `by`, from the stored master. */
async function writeOrder(
  by: "staff" | "rider2",
  change: (master: WireDoc) => WireDoc,
): Promise<void> {
  const master = await stored(ts, "orders", ORDER);
  if (!master) throw new RangeError(`${ORDER} is not stored`);
  const row = {
    assumedMasterState: master.doc,
    newDocumentState: change(master.doc),
  };
  const reply = await pushAs(ts, actors[by], "orders", [row]);
  expect(reply.rejections).toEqual([]);
}

beforeAll(async () => {
  ts = await startTestServer({ seed: true, pollTimeoutMs: 1000 });
  actors = await signInActors(ts);
  await seedDocs(ts, "orders", [orderAt("ready", { id: ORDER })]);
  await openPhone();
  checkpoint = (await pullPage(ts, actors.rider, "orders", null)).checkpoint;
});

afterAll(async () => {
  await stopReplication?.();
  await phone?.close();
  await ts?.close();
});

describe("an order taken from rider A and given to rider B", () => {
  it("is on rider A's phone while it is theirs", async () => {
    expect((await onPhone(ORDER))?.riderId).toBe("rd_dla_01");
  });

  it("disappears from rider A's phone, live", async () => {
    await writeOrder("staff", (order) => ({
      ...order,
      riderId: "rd_dla_02",
      updatedAt: later(),
    }));
    await waitFor(
      async () => (await onPhone(ORDER)) === null,
      "the order to leave rider A's phone",
    );
  });

  it("reaches rider A's next pull as a removal naming no rider", async () => {
    const { documents } = await pullPage(
      ts,
      actors.rider,
      "orders",
      checkpoint,
    );
    expect(documents.map((d) => [d.id, d._deleted])).toEqual([[ORDER, true]]);
    expect(documents[0]).not.toHaveProperty("riderId");
    expect(JSON.stringify(documents)).not.toMatch(/rd_dla_02|"rider2"/);
  });

  it("reaches rider B's pull as theirs", async () => {
    const theirs = await pullAll(ts, actors.rider2, "orders");
    expect(theirs).toEqual([
      expect.objectContaining({
        id: ORDER,
        riderId: "rd_dla_02",
        _deleted: false,
      }),
    ]);
  });

  it("stays off rider A's phone, anonymous, as rider B moves it on", async () => {
    await writeOrder("rider2", (order) =>
      step(order, "picked_up", "rider2", later()),
    );
    const removals = await pullAll(ts, actors.rider, "orders");
    expect(removals).toEqual([
      expect.objectContaining({ id: ORDER, _deleted: true }),
    ]);
    expect(JSON.stringify(removals)).not.toMatch(/rd_dla_02|"rider2"/);
    // The phone hears of the change too, and learns nothing from it.
    const master = await stored(ts, "orders", ORDER);
    const tombstone = async () => {
      const [doc] = await phone.orders.storageInstance.findDocumentsById(
        [ORDER],
        true,
      );
      return doc;
    };
    await waitFor(
      async () => (await tombstone())?.updatedAt === master?.doc["updatedAt"],
      "the phone to receive the later removal",
    );
    expect(JSON.stringify(await tombstone())).not.toMatch(/rd_dla_02|rider2/);
    expect(await onPhone(ORDER)).toBeNull();
  });
});
