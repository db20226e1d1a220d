/**
 * What each person pulls over GraphQL: for every actor and collection,
 * exactly the documents in their scopes, as the store holds them, and
 * removals only for orders that were taken away from them.
 *
 * The seeded world: six stores in Douala and four in Yaoundé with 200
 * products and stock levels each, six riders per city, and the orders
 * below.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COLLECTION_NAMES,
  type CollectionName,
  type StoreDirectory,
  type WireDoc,
} from "@okada/sync-rules";
import { startTestServer, type TestServer } from "@okada/test-tools";
import {
  ACTOR_NAMES,
  allStored,
  directoryOf,
  expectOnlyReadable,
  formerRidersOf,
  orderAt,
  pullAll,
  seedDocs,
  signInActors,
  type ActorName,
  type Actors,
  type FormerRiders,
} from "./rules-test-support.ts";

const ORDERS: WireDoc[] = [
  orderAt("pending", { id: "ord_c_pending" }),
  orderAt("ready", { id: "ord_c_ready" }),
  orderAt("picked_up", {
    id: "ord_c2_picked_up",
    customerId: "customer2",
    riderId: "rd_dla_02",
  }),
  orderAt("accepted", {
    id: "ord_c2_bonapriso",
    customerId: "customer2",
    storeId: "st_dla_bonapriso",
  }),
  orderAt("pending", {
    id: "ord_yde_pending",
    customerId: "customeryde",
    storeId: "st_yde_bastos",
  }),
  orderAt("accepted", {
    id: "ord_yde_accepted",
    customerId: "customeryde",
    storeId: "st_yde_bastos",
    riderId: "rd_yde_01",
  }),
  // Taken from rd_dla_02 and given to rd_dla_01, who picked it up.
  {
    ...orderAt("picked_up", { id: "ord_c_reassigned" }),
    formerRiderIds: ["rd_dla_02"],
  },
];

type City = "Douala" | "Yaoundé";

/** Who reads what, written out by hand from the scope rules. */
interface Reads {
  /** Stores, products and stock of this city; `all` for admins. */
  catalogue: City | "all";
  /** Rider documents: none, the city's fleet, or their own. */
  riders: "none" | "all" | { fleet: City } | { own: string };
  orders: string[] | "all";
  /** Orders that reach them only as removals. */
  removed?: string[];
  counts: Record<CollectionName, number>;
}

const READS: Record<ActorName, Reads> = {
  customer: {
    catalogue: "Douala",
    riders: "none",
    orders: ["ord_c_pending", "ord_c_ready", "ord_c_reassigned"],
    counts: { stores: 6, products: 1200, stock: 1200, orders: 3, riders: 0 },
  },
  customer2: {
    catalogue: "Douala",
    riders: "none",
    orders: ["ord_c2_picked_up", "ord_c2_bonapriso"],
    counts: { stores: 6, products: 1200, stock: 1200, orders: 2, riders: 0 },
  },
  customerYde: {
    catalogue: "Yaoundé",
    riders: "none",
    orders: ["ord_yde_pending", "ord_yde_accepted"],
    counts: { stores: 4, products: 800, stock: 800, orders: 2, riders: 0 },
  },
  staff: {
    catalogue: "Douala",
    riders: { fleet: "Douala" },
    orders: [
      "ord_c_pending",
      "ord_c_ready",
      "ord_c2_picked_up",
      "ord_c_reassigned",
    ],
    counts: { stores: 6, products: 1200, stock: 1200, orders: 4, riders: 6 },
  },
  staffYde: {
    catalogue: "Yaoundé",
    riders: { fleet: "Yaoundé" },
    orders: ["ord_yde_pending", "ord_yde_accepted"],
    counts: { stores: 4, products: 800, stock: 800, orders: 2, riders: 6 },
  },
  rider: {
    catalogue: "Douala",
    riders: { own: "rd_dla_01" },
    orders: ["ord_c_ready", "ord_c2_bonapriso", "ord_c_reassigned"],
    counts: { stores: 6, products: 1200, stock: 1200, orders: 3, riders: 1 },
  },
  rider2: {
    catalogue: "Douala",
    riders: { own: "rd_dla_02" },
    orders: ["ord_c2_picked_up"],
    removed: ["ord_c_reassigned"],
    counts: { stores: 6, products: 1200, stock: 1200, orders: 2, riders: 1 },
  },
  admin: {
    catalogue: "all",
    riders: "all",
    orders: "all",
    counts: { stores: 10, products: 2000, stock: 2000, orders: 7, riders: 12 },
  },
};

let ts: TestServer;
let actors: Actors;
let directory: StoreDirectory;
let formerRiders: FormerRiders;
const everything = new Map<CollectionName, WireDoc[]>();
/** What each actor pulled of each collection, keyed "<actor> <collection>". */
const pulls = new Map<string, WireDoc[]>();

beforeAll(async () => {
  ts = await startTestServer({ seed: true, pollTimeoutMs: 1000 });
  actors = await signInActors(ts);
  await seedDocs(ts, "orders", ORDERS);
  directory = await directoryOf(ts);
  formerRiders = await formerRidersOf(ts);
  for (const collection of COLLECTION_NAMES) {
    everything.set(collection, await allStored(ts, collection));
  }
  // Pulls run side by side: the server answers each on its own.
  const keys = ACTOR_NAMES.flatMap((name) =>
    COLLECTION_NAMES.map((collection) => [name, collection] as const),
  );
  await Promise.all(
    keys.map(async ([name, collection]) => {
      const docs = await pullAll(ts, actors[name], collection);
      pulls.set(`${name} ${collection}`, docs);
    }),
  );
});

afterAll(async () => {
  await ts?.close();
});

function cityOfStore(storeId: unknown): string | undefined {
  const store = everything.get("stores")?.find((s) => s.id === storeId);
  return store?.["city"] as string | undefined;
}

/** Does the hand-written table say `name` reads `doc`? */
function expectedToRead(
  reads: Reads,
  collection: CollectionName,
  doc: WireDoc,
): boolean {
  const inCatalogue = (city: unknown) =>
    reads.catalogue === "all" || city === reads.catalogue;
  switch (collection) {
    case "stores":
      return inCatalogue(doc["city"]);
    case "products":
    case "stock":
      return inCatalogue(cityOfStore(doc["storeId"]));
    case "riders":
      if (typeof reads.riders === "string") return reads.riders === "all";
      return "fleet" in reads.riders
        ? doc["city"] === reads.riders.fleet
        : doc.id === reads.riders.own;
    case "orders":
      return (
        reads.orders === "all" ||
        reads.orders.includes(doc.id) ||
        (reads.removed ?? []).includes(doc.id)
      );
  }
}

const sortedIds = (docs: readonly WireDoc[]) => docs.map((d) => d.id).sort();

describe.each(ACTOR_NAMES)("%s pulls over GraphQL", (name) => {
  const reads = READS[name];

  it.each(COLLECTION_NAMES)("exactly their %s", (collection) => {
    const actor = actors[name];
    const pulled = pulls.get(`${name} ${collection}`) ?? [];
    const all = everything.get(collection) ?? [];
    const mine = all.filter((doc) => expectedToRead(reads, collection, doc));

    expect(pulled).toHaveLength(reads.counts[collection]);
    expect(sortedIds(pulled)).toEqual(sortedIds(mine));
    expectOnlyReadable(actor, collection, pulled, directory, formerRiders);
    const removed = new Set(reads.removed);
    for (const doc of pulled) {
      if (removed.has(doc.id)) continue;
      // As stored, except what GraphQL does not carry (appliedWrites).
      const master = all.find((d) => d.id === doc.id);
      expect(master).toMatchObject(doc);
    }
  });
});

describe("removals", () => {
  const removals = ACTOR_NAMES.flatMap((name) =>
    (READS[name].removed ?? []).map((id) => [name, id] as const),
  );

  it.each(removals)("%s pulls %s as a removal naming no rider", (name, id) => {
    const removal = pulls.get(`${name} orders`)?.find((doc) => doc.id === id);
    expect(removal).toMatchObject({ _deleted: true });
    expect(removal).not.toHaveProperty("riderId");
    // Nothing about who holds it now: neither the rider nor their account.
    expect(JSON.stringify(removal)).not.toMatch(/rd_dla_01|"rider"/);
  });
});
