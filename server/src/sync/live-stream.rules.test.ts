/**
 * The live streams leak nothing. Each of the eight actors subscribes to
 * the five GraphQL streams over graphql-ws; a script of writes by admin,
 * staff, customers and riders then touches documents inside and outside
 * each actor's scopes. Every actor must receive exactly the documents
 * the script puts in their scopes, each in its final state, and nothing
 * else: every document received is checked with `canRead` against the
 * actor and the store directory.
 */
import { createClient, type Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  COLLECTION_NAMES,
  graphqlQueryBuilders,
  operationNames,
  projectGraphqlDoc,
  type CollectionName,
  type ErrorCode,
  type StoreDirectory,
  type WireDoc,
} from "@okada/sync-rules";
import { startTestServer, waitFor, type TestServer } from "@okada/test-tools";
import {
  ACTOR_NAMES,
  demoProductIds,
  directoryOf,
  expectOnlyReadable,
  formerRidersOf,
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
  type FormerRiders,
} from "./rules-test-support.ts";

const DOUALA: readonly ActorName[] = [
  "customer",
  "customer2",
  "staff",
  "rider",
  "rider2",
  "admin",
];
const YAOUNDE: readonly ActorName[] = ["customerYde", "staffYde", "admin"];

/** Three demo products of each store the script writes to. */
function products(storeId: string): [string, string, string] {
  const [a = "", b = "", c = ""] = demoProductIds(storeId);
  return [a, b, c];
}
const AKWA = products("st_dla_akwa");
const BASTOS = products("st_yde_bastos");
const BONAPRISO = products("st_dla_bonapriso");

/** One write of the script and who must see it. */
interface Write {
  name: string;
  by: ActorName;
  collection: CollectionName;
  id: string;
  /** The pushed state, made from the current master. */
  change: (master: WireDoc | undefined) => WireDoc;
  /** Everyone whose scopes the document is in after the write. */
  to: readonly ActorName[];
  /** A write the rules refuse: nothing is stored, nothing streamed. */
  refused?: ErrorCode;
}

function touch(fields: Record<string, unknown> = {}) {
  return (master: WireDoc | undefined): WireDoc => ({
    ...(master as WireDoc),
    ...fields,
    updatedAt: later(),
  });
}

function moveTo(status: "accepted" | "preparing" | "ready" | "picked_up") {
  const by = status === "picked_up" ? "rider2" : "staff";
  return (master: WireDoc | undefined) =>
    step(master as WireDoc, status, by, later());
}

/** Orders in the store before anyone subscribes, one per audience. */
const PROBE_ORDERS = [
  orderAt("accepted", { id: "ord_probe_dla" }),
  orderAt("accepted", {
    id: "ord_probe_dla2",
    customerId: "customer2",
    storeId: "st_dla_bonapriso",
    riderId: "rd_dla_02",
  }),
  orderAt("accepted", {
    id: "ord_probe_yde",
    customerId: "customeryde",
    storeId: "st_yde_bastos",
    riderId: "rd_yde_01",
  }),
];

/**
 * Documents admin touches until every stream that can receive anything
 * has received something: a stream is not known to be listening before
 * then. (Customers can never see a rider, so nothing proves their riders
 * stream listens; the writes it must not see come seconds later.)
 */
const PROBES: Write[] = [
  ["stores", "st_dla_akwa", DOUALA],
  ["stores", "st_yde_bastos", YAOUNDE],
  ["products", AKWA[0], DOUALA],
  ["products", BASTOS[0], YAOUNDE],
  ["stock", `st_dla_akwa:${AKWA[0]}`, DOUALA],
  ["stock", `st_yde_bastos:${BASTOS[0]}`, YAOUNDE],
  ["riders", "rd_dla_01", ["rider", "staff", "admin"]],
  ["riders", "rd_dla_02", ["rider2", "staff", "admin"]],
  ["riders", "rd_yde_01", ["staffYde", "admin"]],
  ["orders", "ord_probe_dla", ["customer", "staff", "rider", "admin"]],
  ["orders", "ord_probe_dla2", ["customer2", "rider2", "admin"]],
  ["orders", "ord_probe_yde", ["customerYde", "staffYde", "admin"]],
].map(([collection, id, to]) => ({
  name: `probe ${String(id)}`,
  by: "admin",
  collection: collection as CollectionName,
  id: id as string,
  change: touch(),
  to: to as readonly ActorName[],
}));

const ORDER_A = "ord_live_a";
const ORDER_B = "ord_live_b";

const SCRIPT: Write[] = [
  {
    name: "staff counts stock in their store",
    by: "staff",
    collection: "stock",
    id: `st_dla_akwa:${AKWA[1]}`,
    change: touch({ onHand: 77 }),
    to: DOUALA,
  },
  {
    name: "Yaoundé staff reprice a product",
    by: "staffYde",
    collection: "products",
    id: BASTOS[1],
    change: touch({ priceXaf: 995 }),
    to: YAOUNDE,
  },
  {
    name: "admin reprices a product in another Douala store",
    by: "admin",
    collection: "products",
    id: BONAPRISO[1],
    change: touch({ priceXaf: 1105 }),
    to: DOUALA,
  },
  {
    name: "staff change their opening hours",
    by: "staff",
    collection: "stores",
    id: "st_dla_akwa",
    change: touch({ hours: { opens: "06:30", closes: "22:30" } }),
    to: DOUALA,
  },
  {
    name: "customer orders from st_dla_akwa",
    by: "customer",
    collection: "orders",
    id: ORDER_A,
    change: () => newOrder({ id: ORDER_A }, later()),
    to: ["customer", "staff", "admin"],
  },
  {
    name: "Yaoundé customer orders from st_yde_bastos",
    by: "customerYde",
    collection: "orders",
    id: ORDER_B,
    change: () =>
      newOrder(
        { id: ORDER_B, customerId: "customeryde", storeId: "st_yde_bastos" },
        later(),
      ),
    to: ["customerYde", "staffYde", "admin"],
  },
  {
    name: "customer2 tries to accept the customer's order",
    by: "customer2",
    collection: "orders",
    id: ORDER_A,
    change: (m) => step(m as WireDoc, "accepted", "customer2", later()),
    to: [],
    refused: "FORBIDDEN",
  },
  {
    name: "customer tries to reserve stock",
    by: "customer",
    collection: "stock",
    id: `st_dla_akwa:${AKWA[2]}`,
    change: touch({ reserved: 3 }),
    to: [],
    refused: "FORBIDDEN",
  },
  {
    name: "customer orders from st_dla_deido",
    by: "customer",
    collection: "orders",
    id: "ord_live_c",
    change: () =>
      newOrder({ id: "ord_live_c", storeId: "st_dla_deido" }, later()),
    to: ["customer", "admin"],
  },
  {
    name: "customer2 orders from st_dla_akwa",
    by: "customer2",
    collection: "orders",
    id: "ord_live_d",
    change: () =>
      newOrder({ id: "ord_live_d", customerId: "customer2" }, later()),
    to: ["customer2", "staff", "admin"],
  },
  {
    name: "staff accept the order for rd_dla_01",
    by: "staff",
    collection: "orders",
    id: ORDER_A,
    change: (m) => ({ ...moveTo("accepted")(m), riderId: "rd_dla_01" }),
    to: ["customer", "staff", "rider", "admin"],
  },
  {
    name: "staff give it to rd_dla_02 instead",
    by: "staff",
    collection: "orders",
    id: ORDER_A,
    change: touch({ riderId: "rd_dla_02" }),
    // rider keeps receiving it, as a removal.
    to: ["customer", "staff", "rider", "rider2", "admin"],
  },
  {
    name: "staff prepare the order",
    by: "staff",
    collection: "orders",
    id: ORDER_A,
    change: moveTo("preparing"),
    to: ["customer", "staff", "rider", "rider2", "admin"],
  },
  {
    name: "staff mark it ready",
    by: "staff",
    collection: "orders",
    id: ORDER_A,
    change: moveTo("ready"),
    to: ["customer", "staff", "rider", "rider2", "admin"],
  },
  {
    name: "rd_dla_02 picks it up",
    by: "rider2",
    collection: "orders",
    id: ORDER_A,
    change: moveTo("picked_up"),
    to: ["customer", "staff", "rider", "rider2", "admin"],
  },
  {
    name: "rd_dla_02 reports a location",
    by: "rider2",
    collection: "riders",
    id: "rd_dla_02",
    change: (m) => {
      const recordedAt = later();
      const location = { lat: 4.06, lng: 9.71, accuracy: 8, recordedAt };
      return { ...(m as WireDoc), location, updatedAt: recordedAt };
    },
    to: ["rider2", "staff", "admin"],
  },
  {
    name: "rd_dla_01 goes offline",
    by: "rider",
    collection: "riders",
    id: "rd_dla_01",
    change: touch({ availability: "offline" }),
    to: ["rider", "staff", "admin"],
  },
  {
    name: "admin renames a Yaoundé rider",
    by: "admin",
    collection: "riders",
    id: "rd_yde_02",
    change: touch({ name: "Rodrigue Atangana Jr" }),
    to: ["staffYde", "admin"],
  },
  {
    name: "Yaoundé staff accept their order",
    by: "staffYde",
    collection: "orders",
    id: ORDER_B,
    change: (m) => step(m as WireDoc, "accepted", "staffyde", later()),
    to: ["customerYde", "staffYde", "admin"],
  },
  {
    name: "admin deletes a Yaoundé product",
    by: "admin",
    collection: "products",
    id: BASTOS[2],
    change: touch({ _deleted: true }),
    to: YAOUNDE,
  },
];

/** Everything one actor's five streams delivered, in arrival order. */
interface Inbox {
  docs: Map<CollectionName, WireDoc[]>;
  errors: unknown[];
}

let ts: TestServer;
let actors: Actors;
let directory: StoreDirectory;
let formerRiders: FormerRiders;
const clients: Client[] = [];
const inboxes = new Map<ActorName, Inbox>();

function inbox(name: ActorName): Inbox {
  const found = inboxes.get(name);
  if (!found) throw new RangeError(`${name} did not subscribe`);
  return found;
}

function received(name: ActorName, collection: CollectionName): WireDoc[] {
  return inbox(name).docs.get(collection) ?? [];
}

function subscribeAll(name: ActorName): void {
  const client = createClient({
    url: ts.wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  clients.push(client);
  const box: Inbox = { docs: new Map(), errors: [] };
  inboxes.set(name, box);
  const headers = { Authorization: `Bearer ${actors[name].token}` };
  // Riders first: the one stream no probe reaches for customers.
  for (const collection of ["riders", ...COLLECTION_NAMES] as const) {
    if (box.docs.has(collection)) continue;
    const docs: WireDoc[] = [];
    box.docs.set(collection, docs);
    const field = operationNames(collection).stream;
    const request =
      graphqlQueryBuilders(collection).pullStreamQueryBuilder(headers);
    client.subscribe<Record<string, { documents: object[] }>>(request, {
      next: ({ data, errors }) => {
        if (errors) box.errors.push(...errors);
        for (const doc of data?.[field]?.documents ?? []) {
          docs.push(projectGraphqlDoc(collection, doc));
        }
      },
      error: (error) => box.errors.push(error),
      complete: () => box.errors.push(`${collection} stream completed`),
    });
  }
}

async function perform(write: Write): Promise<void> {
  const master = await stored(ts, write.collection, write.id);
  const doc = write.change(master?.doc);
  const row = master
    ? { assumedMasterState: master.doc, newDocumentState: doc }
    : { newDocumentState: doc };
  const reply = await pushAs(ts, actors[write.by], write.collection, [row]);
  const codes = reply.rejections.map((r) => r.code);
  expect(codes, write.name).toEqual(write.refused ? [write.refused] : []);
  const after = await stored(ts, write.collection, write.id);
  if (write.refused) expect(after?.rev, write.name).toBe(master?.rev);
}

/** The (collection, id) pairs the writes put in `name`'s scopes. */
function expectedFor(name: ActorName, writes: readonly Write[]): string[] {
  const keys = writes
    .filter((w) => w.to.includes(name))
    .map((w) => `${w.collection}/${w.id}`);
  return [...new Set(keys)].sort();
}

function receivedKeys(name: ActorName): string[] {
  const keys = COLLECTION_NAMES.flatMap((collection) =>
    received(name, collection).map((doc) => `${collection}/${doc.id}`),
  );
  return [...new Set(keys)].sort();
}

/** Has every probe stream of every actor delivered something? */
function listening(): boolean {
  return PROBES.every((probe) =>
    probe.to.every((name) =>
      received(name, probe.collection).some((d) => d.id === probe.id),
    ),
  );
}

beforeAll(async () => {
  ts = await startTestServer({ seed: true, pollTimeoutMs: 1000 });
  actors = await signInActors(ts);
  await seedDocs(ts, "orders", PROBE_ORDERS);
  for (const name of ACTOR_NAMES) subscribeAll(name);
  // Probe until every stream has answered, then run the script.
  await waitFor(async () => {
    for (const probe of PROBES) await perform(probe);
    await new Promise((resolve) => setTimeout(resolve, 150));
    return listening();
  }, "every stream to deliver a probe");
  for (const write of SCRIPT) await perform(write);
  directory = await directoryOf(ts);
  formerRiders = await formerRidersOf(ts);
});

afterAll(async () => {
  for (const client of clients) await client.dispose();
  await ts?.close();
});

/** The last state of `id` that reached `name`. */
function lastReceived(
  name: ActorName,
  collection: CollectionName,
  id: string,
): WireDoc | undefined {
  return received(name, collection).findLast((doc) => doc.id === id);
}

/** Does `name` hold the final state of every document in their scopes? */
async function caughtUp(name: ActorName): Promise<boolean> {
  for (const write of [...PROBES, ...SCRIPT]) {
    if (!write.to.includes(name)) continue;
    const master = await stored(ts, write.collection, write.id);
    const last = lastReceived(name, write.collection, write.id);
    if (!master || !last || last.updatedAt !== master.doc["updatedAt"]) {
      return false;
    }
  }
  return true;
}

describe.each(ACTOR_NAMES)("%s on the live streams", (name) => {
  it("receives every write in their scopes, in its final state", async () => {
    await waitFor(() => caughtUp(name), `${name} to catch up`, 5_000);
    expect(inbox(name).errors).toEqual([]);
  });

  it("receives nothing else, on any stream", async () => {
    await waitFor(() => caughtUp(name), `${name} to catch up`, 5_000);
    // Stragglers would arrive now, if the server sent any.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receivedKeys(name)).toEqual(
      expectedFor(name, [...PROBES, ...SCRIPT]),
    );
    for (const collection of COLLECTION_NAMES) {
      expectOnlyReadable(
        actors[name],
        collection,
        received(name, collection),
        directory,
        formerRiders,
      );
    }
  });
});

describe("an order reassigned away from rd_dla_01", () => {
  it("reaches rd_dla_01 as a removal that never names its new rider", () => {
    const removals = received("rider", "orders").filter(
      (doc) => doc.id === ORDER_A && doc._deleted,
    );
    expect(removals.length).toBeGreaterThan(0);
    for (const removal of removals) {
      expect(removal).not.toHaveProperty("riderId");
      expect(JSON.stringify(removal)).not.toMatch(/rd_dla_02|"rider2"/);
    }
  });

  it("reaches rd_dla_02 as its order", () => {
    expect(lastReceived("rider2", "orders", ORDER_A)).toMatchObject({
      riderId: "rd_dla_02",
      status: "picked_up",
      _deleted: false,
    });
  });
});
