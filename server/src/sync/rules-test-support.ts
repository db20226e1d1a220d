/**
 * Test support for the server-level rules tests (`*.rules.test.ts`): the
 * people who act in them, pulls and pushes over GraphQL as those people,
 * direct reads and writes of the store, and orders at any status.
 *
 * Every test file starts its own seeded server; the demo accounts are
 * joined by a second Douala customer, a Yaoundé customer, staff of a
 * Yaoundé store and a second Douala rider.
 */
import { expect } from "vitest";
import {
  MAX_PULL_LIMIT,
  canRead,
  graphqlQueryBuilders,
  operationNames,
  projectGraphqlDoc,
  storeDirectory,
  type CollectionName,
  type OrderStatus,
  type PushRejection,
  type PushRow,
  type StoreDirectory,
  type SyncCheckpoint,
  type WireDoc,
} from "@okada/sync-rules";
import { requestJson, type TestServer } from "@okada/test-tools";
import { demoData } from "../seed/demo-data.ts";
import { hashPassword } from "../seed/password.ts";
import type { UserRecord } from "../store/types.ts";
import type { SyncUser } from "./user.ts";
import { toStored, toWire } from "./wire.ts";

type Claims = Omit<UserRecord, "_id" | "_rev" | "passwordHash" | "username">;

/** The demo accounts (`null`: seeded already) and the extra ones. */
const ACCOUNTS = {
  customer: null,
  customer2: { role: "customer", name: "Mireille Ebongue", city: "Douala" },
  customerYde: { role: "customer", name: "Carine Abena", city: "Yaoundé" },
  staff: null,
  staffYde: {
    role: "staff",
    name: "Alain Mballa",
    storeId: "st_yde_bastos",
    city: "Yaoundé",
  },
  rider: null,
  rider2: {
    role: "rider",
    name: "Patrice Ngando",
    riderId: "rd_dla_02",
    city: "Douala",
  },
  admin: null,
} as const satisfies Record<string, Claims | null>;

export type ActorName = keyof typeof ACCOUNTS;

/** Matrix columns, in this order. */
export const ACTOR_NAMES = [
  "customer",
  "customer2",
  "customerYde",
  "staff",
  "staffYde",
  "rider",
  "rider2",
  "admin",
] as const satisfies readonly ActorName[];

/** Someone signed in: their token and the user the server sees. */
export interface Actor {
  name: ActorName;
  token: string;
  user: SyncUser;
}

export type Actors = Readonly<Record<ActorName, Actor>>;

/** Creates the extra accounts and signs everyone in. */
export async function signInActors(ts: TestServer): Promise<Actors> {
  const passwordHash = await hashPassword("okada");
  const extra: UserRecord[] = [];
  for (const name of ACTOR_NAMES) {
    const claims: Claims | null = ACCOUNTS[name];
    if (claims === null) continue;
    const username = name.toLowerCase();
    extra.push({ _id: `user:${username}`, username, passwordHash, ...claims });
  }
  await ts.server.store.putUsers(extra);
  const entries = await Promise.all(
    ACTOR_NAMES.map(async (name) => [name, await signIn(ts, name)] as const),
  );
  return Object.fromEntries(entries) as Record<ActorName, Actor>;
}

async function signIn(ts: TestServer, name: ActorName): Promise<Actor> {
  const res = await requestJson(`${ts.url}/v1/auth/login`, {
    body: { username: name.toLowerCase(), password: "okada" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const body = res.body as { token: string; user: SyncUser };
  return { name, token: body.token, user: body.user };
}

/** The GraphQL body's top-level fields that these tests read. */
interface GraphqlReply {
  data?: Record<string, unknown> | null;
  extensions?: { rejections?: PushRejection[] };
  error?: { code: string; message: string };
}

/** One page of changes after `checkpoint`, in wire form. */
export async function pullPage(
  ts: TestServer,
  actor: Actor,
  collection: CollectionName,
  checkpoint: SyncCheckpoint | null,
): Promise<{ documents: WireDoc[]; checkpoint: SyncCheckpoint }> {
  const request = graphqlQueryBuilders(collection).pullQueryBuilder(
    checkpoint,
    MAX_PULL_LIMIT,
  );
  const res = await requestJson(ts.graphqlUrl, {
    body: request,
    token: actor.token,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const field = operationNames(collection).pull;
  const page = (res.body as GraphqlReply).data?.[field] as {
    documents: object[];
    checkpoint: SyncCheckpoint;
  };
  return {
    // GraphQL answers null for absent fields; wire form drops them.
    documents: page.documents.map((d) => projectGraphqlDoc(collection, d)),
    checkpoint: page.checkpoint,
  };
}

/** Every document `actor` pulls from the beginning, page after page. */
export async function pullAll(
  ts: TestServer,
  actor: Actor,
  collection: CollectionName,
): Promise<WireDoc[]> {
  const out: WireDoc[] = [];
  let checkpoint: SyncCheckpoint | null = null;
  for (;;) {
    const page = await pullPage(ts, actor, collection, checkpoint);
    out.push(...page.documents);
    checkpoint = page.checkpoint;
    if (page.documents.length < MAX_PULL_LIMIT) return out;
  }
}

/** What a push over GraphQL answered. */
export interface PushReply {
  status: number;
  /** The conflict list: states the client must adopt. */
  conflicts: WireDoc[];
  /** `extensions.rejections`: rows the rules refused. */
  rejections: PushRejection[];
  /** The code of a request refused as a whole. */
  errorCode: string | undefined;
}

export async function pushAs(
  ts: TestServer,
  actor: Actor,
  collection: CollectionName,
  rows: readonly PushRow[],
): Promise<PushReply> {
  const request = graphqlQueryBuilders(collection).pushQueryBuilder(rows);
  const res = await requestJson(ts.graphqlUrl, {
    body: request,
    token: actor.token,
  });
  const body = res.body as GraphqlReply;
  const field = operationNames(collection).push;
  const conflicts = (body.data?.[field] ?? []) as object[];
  return {
    status: res.status,
    conflicts: conflicts.map((d) => projectGraphqlDoc(collection, d)),
    rejections: body.extensions?.rejections ?? [],
    errorCode: body.error?.code,
  };
}

/** What the store holds for `id`, tombstones included. */
export async function stored(
  ts: TestServer,
  collection: CollectionName,
  id: string,
): Promise<{ rev: string; doc: WireDoc } | undefined> {
  const found = await ts.server.store.collection(collection).getMany([id]);
  const current = found.get(id);
  return current && { rev: current.rev, doc: toWire(current.doc) };
}

/** Every document of `collection` in the store, tombstones included. */
export async function allStored(
  ts: TestServer,
  collection: CollectionName,
): Promise<WireDoc[]> {
  const store = ts.server.store.collection(collection);
  const out: WireDoc[] = [];
  let since = "0";
  for (;;) {
    const page = await store.changes(since, 1000);
    out.push(...page.results.map((change) => toWire(change.doc)));
    since = page.lastSeq;
    if (page.results.length < 1000) return out;
  }
}

/** The stores-by-city directory, as the server builds it. */
export async function directoryOf(ts: TestServer): Promise<StoreDirectory> {
  const stores = await allStored(ts, "stores");
  return storeDirectory(
    stores.map((s) => ({
      id: s.id,
      city: String(s["city"]),
      _deleted: s._deleted,
    })),
  );
}

/** Who held each order before its current rider, from the store. */
export type FormerRiders = ReadonlyMap<string, readonly string[]>;

export async function formerRidersOf(ts: TestServer): Promise<FormerRiders> {
  const orders = await allStored(ts, "orders");
  return new Map(
    orders.map((o) => [o.id, (o["formerRiderIds"] ?? []) as string[]]),
  );
}

/**
 * A removal `user` may receive: an order they were assigned before,
 * marked deleted, that names no rider at all.
 */
export function isRemovalFor(
  user: SyncUser,
  collection: CollectionName,
  doc: WireDoc,
  formerRiders: FormerRiders,
): boolean {
  return (
    collection === "orders" &&
    doc._deleted &&
    doc["riderId"] === undefined &&
    doc["formerRiderIds"] === undefined &&
    user.riderId !== undefined &&
    (formerRiders.get(doc.id) ?? []).includes(user.riderId)
  );
}

/** Every document received is in the user's scopes, or their removal. */
export function expectOnlyReadable(
  actor: Actor,
  collection: CollectionName,
  docs: readonly WireDoc[],
  directory: StoreDirectory,
  formerRiders: FormerRiders = new Map(),
): void {
  const leaks = docs.filter(
    (doc) =>
      !canRead(actor.user, collection, doc, directory) &&
      !isRemovalFor(actor.user, collection, doc, formerRiders),
  );
  expect(leaks, `${actor.name} received outside their scopes`).toEqual([]);
}

/** Writes fixtures straight into the store, as the server would. */
export async function seedDocs(
  ts: TestServer,
  collection: CollectionName,
  docs: readonly WireDoc[],
): Promise<void> {
  if (docs.length === 0) return;
  const results = await ts.server.store
    .collection(collection)
    .bulkWrite(docs.map((doc) => toStored(doc)));
  expect(results.filter((r) => !r.ok)).toEqual([]);
}

let demoProducts: ReadonlyMap<string, string[]> | undefined;

/** IDs of the demo products of `storeId`, in catalogue order. */
export function demoProductIds(storeId: string): string[] {
  if (!demoProducts) {
    const byStore = new Map<string, string[]>();
    for (const product of demoData().products) {
      const ids = byStore.get(product.storeId) ?? [];
      ids.push(product.id);
      byStore.set(product.storeId, ids);
    }
    demoProducts = byStore;
  }
  return demoProducts.get(storeId) ?? [];
}

let lastTime = 0;

/** A recorded time later than every one handed out before. */
export function later(): string {
  lastTime = Math.max(Date.now(), lastTime + 1);
  return new Date(lastTime).toISOString();
}

/** Fixture times: `minutes` after 08:00 on 1 May 2025, before any write. */
export function fixtureTime(minutes: number): string {
  return new Date(Date.UTC(2025, 4, 1, 8) + minutes * 60_000).toISOString();
}

export interface OrderSpec {
  id: string;
  customerId?: string;
  storeId?: string;
  /** Assigned when the order is accepted; default rd_dla_01. */
  riderId?: string;
}

/** A new order of two items at 1,450 XAF, pending. */
export function newOrder(spec: OrderSpec, createdAt = fixtureTime(0)) {
  const customerId = spec.customerId ?? "customer";
  const storeId = spec.storeId ?? "st_dla_akwa";
  const doc: WireDoc = {
    id: spec.id,
    customerId,
    storeId,
    items: [
      { productId: `p_${storeId.slice(3)}_0003`, qty: 2, unitPriceXaf: 450 },
      { productId: `p_${storeId.slice(3)}_0010`, qty: 1, unitPriceXaf: 550 },
    ],
    totalXaf: 1450,
    deliveryAddress: { text: "Rue Joss, Akwa", city: "Douala" },
    payment: { method: "mtn_momo", status: "pending" },
    status: "pending",
    statusHistory: [{ status: "pending", at: createdAt, by: customerId }],
    createdAt,
    updatedAt: createdAt,
    _deleted: false,
  };
  return doc;
}

/** The order moved one step by `by` at `at`, history included. */
export function step(
  order: WireDoc,
  status: OrderStatus,
  by: string,
  at: string,
): WireDoc {
  const history = order["statusHistory"] as object[];
  const moved: WireDoc = {
    ...order,
    status,
    statusHistory: [...history, { status, at, by }],
    updatedAt: at,
  };
  if (status === "rejected") moved["rejectionReason"] = "Out of stock";
  return moved;
}

/** The happy path and who takes each step in the fixtures. */
const PATH: readonly [OrderStatus, string][] = [
  ["accepted", "staff"],
  ["preparing", "staff"],
  ["ready", "staff"],
  ["picked_up", "rider"],
  ["delivered", "rider"],
];

/** Where each final status leaves the happy path, and who takes it. */
const BRANCHES: Partial<Record<OrderStatus, [OrderStatus, string]>> = {
  rejected: ["pending", "staff"],
  cancelled: ["pending", "customer"],
  failed: ["picked_up", "rider"],
};

/**
 * The order at `status`, reached along the usual path with fixture
 * times; a rider is assigned when it is accepted.
 */
export function orderAt(status: OrderStatus, spec: OrderSpec): WireDoc {
  const branch = BRANCHES[status];
  const until = branch?.[0] ?? status;
  let order = newOrder(spec);
  let minute = 0;
  for (const [next, by] of PATH) {
    if (order["status"] === until) break;
    order = step(order, next, by, fixtureTime(++minute));
    if (next === "accepted") order["riderId"] = spec.riderId ?? "rd_dla_01";
  }
  return branch
    ? step(order, status, branch[1], fixtureTime(minute + 1))
    : order;
}

/** A copy without the named fields. */
export function without(doc: WireDoc, fields: readonly string[]): WireDoc {
  const copy: WireDoc = { ...doc };
  for (const field of fields) delete copy[field];
  return copy;
}

/**
 * One expected outcome per actor, in the order of `ACTOR_NAMES`: "ok",
 * a refusal code in `extensions.rejections` (F = FORBIDDEN,
 * IT = INVALID_TRANSITION, IF = IMMUTABLE_FIELD, BR = BUSINESS_RULE), or
 * SV: the whole push refused with SCHEMA_VIOLATION before any rule ran.
 */
export type Outcome = "ok" | "F" | "IT" | "IF" | "BR" | "SV";
export type Expected = readonly [
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
];

const CODES = {
  F: "FORBIDDEN",
  IT: "INVALID_TRANSITION",
  IF: "IMMUTABLE_FIELD",
  BR: "BUSINESS_RULE",
  SV: "SCHEMA_VIOLATION",
} as const;

/** Fields the server adds to what it stores: never a client's to set. */
const BOOKKEEPING = ["appliedWrites", "formerRiderIds"];

export interface WriteRow {
  name: string;
  collection: CollectionName;
  /**
   * The document before the write: a fixture seeded for each case (`key`
   * keeps their ids apart), the id of a document every case shares (the
   * staff's store, the rider's own document), or none for a create.
   */
  before?: ((key: string) => WireDoc) | string;
  /** The pushed state, made from the master the case read. */
  after: (before: WireDoc | undefined, context: WriteContext) => WireDoc;
  expected: Expected;
}

export interface WriteContext {
  key: string;
  actor: Actor;
}

export interface WriteCase {
  title: string;
  row: WriteRow;
  actor: ActorName;
  outcome: Outcome;
  key: string;
}

/** One case per row and actor, titled "<row> as <actor>: <outcome>". */
export function writeCases(rows: readonly WriteRow[]): WriteCase[] {
  return rows.flatMap((row, r) =>
    ACTOR_NAMES.map((actor, a): WriteCase => {
      const outcome = row.expected[a] ?? "ok";
      const title = `${row.name} as ${actor}: ${outcome}`;
      return { title, row, actor, outcome, key: `${r}x${a}` };
    }),
  );
}

/** The per-case fixtures of `cases`, seeded in one write a collection. */
export async function seedWriteFixtures(
  ts: TestServer,
  cases: readonly WriteCase[],
): Promise<void> {
  const byCollection = new Map<CollectionName, WireDoc[]>();
  for (const { row, key } of cases) {
    if (typeof row.before !== "function") continue;
    const docs = byCollection.get(row.collection) ?? [];
    docs.push(row.before(key));
    byCollection.set(row.collection, docs);
  }
  for (const [collection, docs] of byCollection) {
    await seedDocs(ts, collection, docs);
  }
}

/** What a write case needs: the server, who acts, and the directory. */
export interface WriteBench {
  ts: TestServer;
  actors: Actors;
  directory: StoreDirectory;
}

/**
 * Pushes the case's write as its actor over GraphQL and checks the
 * outcome end to end: an allowed write is stored as sent; a refused one
 * comes back coded in `extensions.rejections`, leaves the store as it
 * was, and, when the writer may read the document, returns the master
 * (or a refused create's tombstone) in the conflict list. What a writer
 * who may not read the document gets back is checked apart (see
 * `refused-reads.rules.test.ts`).
 */
export async function runWriteCase(
  { ts, actors, directory }: WriteBench,
  { row, actor, outcome, key }: WriteCase,
): Promise<void> {
  const { collection } = row;
  const { user } = actors[actor];
  const beforeId =
    typeof row.before === "function" ? row.before(key).id : row.before;
  const master =
    beforeId === undefined ? undefined : await stored(ts, collection, beforeId);
  if (beforeId !== undefined) expect(master, beforeId).toBeDefined();
  const after = row.after(master?.doc, { key, actor: actors[actor] });
  const pushed: PushRow = master
    ? { assumedMasterState: master.doc, newDocumentState: after }
    : { newDocumentState: after };
  const reply = await pushAs(ts, actors[actor], collection, [pushed]);
  const now = await stored(ts, collection, after.id);

  if (outcome === "ok") {
    expect(reply.rejections).toEqual([]);
    expect(reply.errorCode).toBeUndefined();
    expect(now && without(now.doc, BOOKKEEPING)).toEqual(
      without(after, BOOKKEEPING),
    );
    for (const conflict of reply.conflicts) {
      expect(conflict).toEqual(now && projectGraphqlDoc(collection, now.doc));
    }
    return;
  }
  expect(now?.rev, "nothing stored").toBe(master?.rev);
  if (outcome === "SV") {
    expect(reply.status).toBe(422);
    expect(reply.errorCode).toBe(CODES.SV);
    return;
  }
  expect(reply.status).toBe(200);
  expect(reply.rejections).toEqual([
    expect.objectContaining({
      id: after.id,
      code: CODES[outcome],
      message: expect.stringMatching(/\S.*\.$/) as string,
    }) as PushRejection,
  ]);
  if (master && !canRead(user, collection, master.doc, directory)) return;
  expect(reply.rejections[0]?.master).toEqual(master?.doc ?? null);
  const revert = master?.doc ?? { ...after, _deleted: true };
  expect(reply.conflicts).toEqual([projectGraphqlDoc(collection, revert)]);
}
