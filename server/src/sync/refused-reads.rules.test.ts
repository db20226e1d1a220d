/**
 * A refused push must not become a way to read. Each case pushes, over
 * GraphQL, a write on a document outside the writer's scopes: a made-up
 * document under a known id, or a former rider's stale copy of an order
 * taken from them. The write is refused and stores nothing; the reply
 * must carry nothing of the document the writer may not read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canRead,
  projectGraphqlDoc,
  type CollectionName,
  type ErrorCode,
  type StoreDirectory,
  type WireDoc,
} from "@okada/sync-rules";
import { startTestServer, type TestServer } from "@okada/test-tools";
import {
  demoProductIds,
  directoryOf,
  fixtureTime,
  isRemovalFor,
  later,
  newOrder,
  orderAt,
  pushAs,
  seedDocs,
  signInActors,
  step,
  stored,
  type ActorName,
  type Actors,
  type PushReply,
} from "./rules-test-support.ts";

const AKWA_PRODUCT = demoProductIds("st_dla_akwa")[0] ?? "";

/** Ready for rd_dla_01, as rd_dla_01's phone still holds it. */
const STALE_COPY = orderAt("ready", { id: "ord_taken" });
/** What the store holds: given to rd_dla_02 since. */
const TAKEN: WireDoc = {
  ...STALE_COPY,
  riderId: "rd_dla_02",
  formerRiderIds: ["rd_dla_01"],
  updatedAt: fixtureTime(30),
};

interface Case {
  name: string;
  actor: ActorName;
  collection: CollectionName;
  /** The pushed row: a made-up document, or a stale copy and its edit. */
  assumed?: WireDoc;
  next: () => WireDoc;
  code: ErrorCode;
}

const CASES: Case[] = [
  {
    name: "a customer pushes a made-up rider rd_dla_01",
    actor: "customer",
    collection: "riders",
    next: () => ({
      id: "rd_dla_01",
      name: "?",
      city: "Douala",
      phone: "+237600000000",
      availability: "busy",
      updatedAt: later(),
      _deleted: false,
    }),
    code: "FORBIDDEN",
  },
  {
    name: "a Yaoundé customer pushes a made-up Douala product",
    actor: "customerYde",
    collection: "products",
    next: () => ({
      id: AKWA_PRODUCT,
      storeId: "st_dla_akwa",
      name: { fr: "?", en: "?" },
      category: "?",
      priceXaf: 1,
      unit: "?",
      active: true,
      updatedAt: later(),
      _deleted: false,
    }),
    code: "FORBIDDEN",
  },
  {
    name: "customer2 pushes a made-up order under the customer's order id",
    actor: "customer2",
    collection: "orders",
    next: () =>
      newOrder({ id: "ord_private", customerId: "customer2" }, later()),
    code: "FORBIDDEN",
  },
  {
    name: "rd_dla_01 picks up, from a stale copy, an order taken from them",
    actor: "rider",
    collection: "orders",
    assumed: STALE_COPY,
    next: () => step(STALE_COPY, "picked_up", "rider", later()),
    code: "FORBIDDEN",
  },
];

let ts: TestServer;
let actors: Actors;
let directory: StoreDirectory;
/** The row each case pushed and what came back. */
const replies = new Map<string, { next: WireDoc; reply: PushReply }>();

beforeAll(async () => {
  ts = await startTestServer({ seed: true, pollTimeoutMs: 1000 });
  actors = await signInActors(ts);
  const secret = {
    ...newOrder({ id: "ord_private" }),
    deliveryAddress: { text: "Villa 12, Bonapriso", city: "Douala" },
  };
  await seedDocs(ts, "orders", [secret, TAKEN]);
  directory = await directoryOf(ts);
});

afterAll(async () => {
  await ts?.close();
});

/** Pushes the case's row once; both tests below read the reply. */
async function replyTo(c: Case): Promise<{ next: WireDoc; reply: PushReply }> {
  const done = replies.get(c.name);
  if (done) return done;
  const next = c.next();
  const row = c.assumed
    ? { assumedMasterState: c.assumed, newDocumentState: next }
    : { newDocumentState: next };
  const reply = await pushAs(ts, actors[c.actor], c.collection, [row]);
  replies.set(c.name, { next, reply });
  return { next, reply };
}

describe.each(CASES)("$name", (c) => {
  it("is refused and stores nothing", async () => {
    const before = await stored(ts, c.collection, c.next().id);
    const { reply } = await replyTo(c);
    expect(reply.rejections.map((r) => r.code)).toEqual([c.code]);
    const after = await stored(ts, c.collection, c.next().id);
    expect(after?.rev).toBe(before?.rev);
  });

  // A refusal must not become a way to read a document by pushing a
  // made-up one under its id.
  it("gets nothing back it may not read", async () => {
    const { user } = actors[c.actor];
    const { next, reply } = await replyTo(c);
    const former = new Map([[TAKEN.id, ["rd_dla_01"]]]);
    const readable = (doc: WireDoc) =>
      canRead(user, c.collection, doc, directory) ||
      isRemovalFor(user, c.collection, doc, former);
    // Their own write undone tells them nothing new.
    const undone = projectGraphqlDoc(c.collection, { ...next, _deleted: true });
    for (const rejection of reply.rejections) {
      if (rejection.master) expect(readable(rejection.master)).toBe(true);
    }
    for (const conflict of reply.conflicts) {
      if (!readable(conflict)) expect(conflict).toEqual(undone);
    }
  });
});
