/**
 * Test support only: the people of the outage stories and their devices.
 * A device keeps a local copy of what its user pulled, takes writes
 * while offline and pushes them on `sync()` the way RxDB replication
 * does (the latest local state of each document, against the last
 * master it knew), over GraphQL, then adopts what the server answers.
 */
import { expect } from "vitest";
import {
  MAX_PULL_LIMIT,
  graphqlQueryBuilders,
  newOrderId,
  operationNames,
  projectGraphqlDoc,
  type CollectionName,
  type OrderStatus,
  type PushRejection,
  type PushRow,
  type SyncCheckpoint,
  type WireDoc,
} from "@okada/sync-rules";
import {
  requestJson,
  startTestServer,
  waitFor,
  type TestServer,
} from "@okada/test-tools";
import { hashPassword } from "../seed/password.ts";
import type { ServerStore, UserRecord } from "../store/types.ts";
import { toWire } from "../sync/wire.ts";
import {
  startReconciler,
  type Reconciler,
  type ReconcileSettings,
} from "./index.ts";

/** Accounts the stories need beyond the demo ones. */
const EXTRA: Omit<UserRecord, "_id" | "passwordHash">[] = [
  { username: "customer2", role: "customer", name: "Mireille", city: "Douala" },
  {
    username: "rider2",
    role: "rider",
    name: "Patrice",
    riderId: "rd_dla_02",
    city: "Douala",
  },
  {
    username: "rider3",
    role: "rider",
    name: "Hervé",
    riderId: "rd_dla_03",
    city: "Douala",
  },
];

export async function addAccounts(store: ServerStore): Promise<void> {
  const passwordHash = await hashPassword("okada");
  await store.putUsers(
    EXTRA.map((u) => ({ ...u, _id: `user:${u.username}`, passwordHash })),
  );
}

/**
 * The stories' clock, used by the server's processes and the devices
 * alike: 1 December 2026 at noon in Douala, moved on by hand.
 */
export class TestClock {
  #ms = Date.UTC(2026, 11, 1, 11, 0);
  now = (): Date => new Date(this.#ms);
  iso(): string {
    return this.now().toISOString();
  }
  /** Moves on and returns the new time. */
  tick(minutes = 1): string {
    this.#ms += minutes * 60_000;
    return this.iso();
  }
}

export interface Reply {
  conflicts: WireDoc[];
  rejections: PushRejection[];
}

const key = (collection: CollectionName, id: string) => `${collection}/${id}`;

export class Device {
  readonly username: string;
  readonly #url: string;
  #token = "";
  readonly #masters = new Map<string, WireDoc>();
  readonly #local = new Map<string, WireDoc>();
  readonly #dirty = new Map<string, CollectionName>();

  constructor(url: string, username: string) {
    this.#url = url;
    this.username = username;
  }

  /** Points the device at another server (a restart, a second one). */
  async connect(url = this.#url): Promise<this> {
    const res = await requestJson(`${url}/v1/auth/login`, {
      body: { username: this.username, password: "okada" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    this.#token = (res.body as { token: string }).token;
    return this;
  }

  get #graphql(): string {
    return `${this.#url}/graphql`;
  }

  /** Everything the user may see, pulled from the beginning. */
  async pull(collection: CollectionName): Promise<Map<string, WireDoc>> {
    const seen = new Map<string, WireDoc>();
    let checkpoint: SyncCheckpoint | null = null;
    for (;;) {
      const request = graphqlQueryBuilders(collection).pullQueryBuilder(
        checkpoint,
        MAX_PULL_LIMIT,
      );
      const res = await requestJson(this.#graphql, {
        body: request,
        token: this.#token,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const data = (res.body as { data: Record<string, unknown> }).data;
      const page = data[operationNames(collection).pull] as {
        documents: object[];
        checkpoint: SyncCheckpoint;
      };
      for (const raw of page.documents) {
        const doc = projectGraphqlDoc(collection, raw);
        seen.set(doc.id, doc);
        this.#adopt(collection, doc);
      }
      checkpoint = page.checkpoint;
      if (page.documents.length < MAX_PULL_LIMIT) return seen;
    }
  }

  /** The device's copy of a document. */
  local(collection: CollectionName, id: string): WireDoc {
    const doc = this.#local.get(key(collection, id));
    if (doc === undefined) throw new Error(`${this.username}: no ${id}`);
    return doc;
  }

  /** A write made on the device, online or not. */
  write(collection: CollectionName, doc: WireDoc): WireDoc {
    this.#local.set(key(collection, doc.id), doc);
    this.#dirty.set(key(collection, doc.id), collection);
    return doc;
  }

  /** Edits the local copy: `change` gets it and returns the new one. */
  edit(
    collection: CollectionName,
    id: string,
    change: (doc: WireDoc) => WireDoc,
  ): WireDoc {
    return this.write(collection, change(this.local(collection, id)));
  }

  /** Pushes every pending write; adopts the server's answers. */
  async sync(): Promise<Reply> {
    const out: Reply = { conflicts: [], rejections: [] };
    const pending = [...this.#dirty];
    this.#dirty.clear();
    for (const [k, collection] of pending) {
      const next = this.#local.get(k);
      if (next === undefined) continue;
      const assumed = this.#masters.get(k);
      const row: PushRow = assumed
        ? { assumedMasterState: assumed, newDocumentState: next }
        : { newDocumentState: next };
      const reply = await this.push(collection, [row]);
      out.conflicts.push(...reply.conflicts);
      out.rejections.push(...reply.rejections);
      const answer = reply.conflicts.find((d) => d.id === next.id) ?? next;
      this.#adopt(collection, answer);
    }
    return out;
  }

  /** One push as it goes on the wire. */
  async push(
    collection: CollectionName,
    rows: readonly PushRow[],
  ): Promise<Reply> {
    const request = graphqlQueryBuilders(collection).pushQueryBuilder(rows);
    const res = await requestJson(this.#graphql, {
      body: request,
      token: this.#token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as {
      data: Record<string, object[]>;
      extensions?: { rejections?: PushRejection[] };
    };
    const conflicts = body.data[operationNames(collection).push] ?? [];
    return {
      conflicts: conflicts.map((d) => projectGraphqlDoc(collection, d)),
      rejections: body.extensions?.rejections ?? [],
    };
  }

  #adopt(collection: CollectionName, doc: WireDoc): void {
    this.#masters.set(key(collection, doc.id), doc);
    this.#local.set(key(collection, doc.id), doc);
  }
}

/** A new order as a customer's phone makes it. */
export function newOrder(
  customerId: string,
  storeId: string,
  lines: { productId: string; qty: number; unitPriceXaf: number }[],
  at: string,
): WireDoc {
  return {
    id: newOrderId(Date.parse(at)),
    customerId,
    storeId,
    items: lines,
    totalXaf: lines.reduce((s, l) => s + l.qty * l.unitPriceXaf, 0),
    deliveryAddress: { text: "Carrefour Deido", city: "Douala" },
    payment: { method: "cash", status: "pending" },
    status: "pending",
    statusHistory: [{ status: "pending", at, by: customerId }],
    createdAt: at,
    updatedAt: at,
    _deleted: false,
  };
}

/** One status step on a device's copy. */
export function step(
  by: string,
  status: OrderStatus,
  at: string,
  fields: Record<string, unknown> = {},
): (doc: WireDoc) => WireDoc {
  return (doc) => ({
    ...doc,
    ...fields,
    status,
    statusHistory: [...(doc["statusHistory"] as object[]), { status, at, by }],
    updatedAt: at,
  });
}

/** What the store holds now, tombstones included. */
export async function stored(
  store: ServerStore,
  collection: CollectionName,
  id: string,
): Promise<{ rev: string; doc: WireDoc }> {
  const current = (await store.collection(collection).getMany([id])).get(id);
  if (current === undefined) throw new Error(`no ${collection}/${id}`);
  return { rev: current.rev, doc: toWire(current.doc) };
}

/** Waits until the stored document satisfies `check`; returns it. */
export async function until(
  store: ServerStore,
  collection: CollectionName,
  id: string,
  check: (doc: WireDoc) => boolean,
  what: string,
): Promise<WireDoc> {
  let last: WireDoc | undefined;
  await waitFor(
    async () => {
      last = (await stored(store, collection, id)).doc;
      return check(last);
    },
    `${what} (last: ${JSON.stringify(last)})`,
  );
  if (last === undefined) throw new Error(what);
  return last;
}

/** The intake record of an order, loosely typed for assertions. */
export function intakeOf(doc: WireDoc): Record<string, unknown> | undefined {
  return doc["intake"] as Record<string, unknown> | undefined;
}

/** Waits until intake has decided on the order's current items. */
export function decided(
  store: ServerStore,
  id: string,
  outcome?: string,
): Promise<WireDoc> {
  return until(
    store,
    "orders",
    id,
    (doc) =>
      intakeOf(doc) !== undefined &&
      (outcome === undefined || intakeOf(doc)?.["outcome"] === outcome),
    `intake of ${id}${outcome ? ` to be ${outcome}` : ""}`,
  );
}

/** A seeded server with the stories' accounts and its reconciler. */
export interface Scenario {
  readonly ts: TestServer;
  readonly reconciler: Reconciler;
  readonly clock: TestClock;
  /** Signs each user in on a device of their own, in order. */
  connect(...usernames: string[]): Promise<Device[]>;
  stop(): Promise<void>;
}

/** Starts a story's world; `settings` as the reconciler takes them. */
export async function startScenario(
  settings: Partial<ReconcileSettings> = {},
): Promise<Scenario> {
  const clock = new TestClock();
  const ts = await startTestServer({ seed: true, pollTimeoutMs: 1000 });
  await addAccounts(ts.server.store);
  const reconciler = startReconciler({
    store: ts.server.store,
    now: clock.now,
    settings,
    feed: { pollTimeoutMs: 1000, retryMinMs: 50, retryMaxMs: 500 },
  });
  return {
    ts,
    reconciler,
    clock,
    connect: (...usernames) =>
      Promise.all(usernames.map((name) => new Device(ts.url, name).connect())),
    async stop() {
      await reconciler.stop();
      await ts.close();
    },
  };
}

/** The active products of `storeId` that `device` can read, by id. */
export async function activeProducts(
  device: Device,
  storeId: string,
): Promise<WireDoc[]> {
  const products = await device.pull("products");
  return [...products.values()]
    .filter((p) => p["storeId"] === storeId && p["active"] === true)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
