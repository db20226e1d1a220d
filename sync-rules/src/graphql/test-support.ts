/**
 * Test support only (not exported by the package): one valid document per
 * collection, and an in-memory GraphQL sync server built with graphql-js
 * from `graphqlSdl()` with plain root resolvers. It keeps the contract's
 * rules that matter to a replication client (checkpoints from a change
 * sequence, compare-and-set push returning conflicts) and nothing else.
 */
import type { ExecutionResult, GraphQLSchema } from "graphql";
import { buildSchema, graphql } from "graphql";
import type { CollectionName } from "../collections.ts";
import { COLLECTION_NAMES } from "../collections.ts";
import type { WireDoc } from "../protocol.ts";
import { sameState } from "../protocol.ts";
import type { GraphqlDoc } from "./documents.ts";
import { projectGraphqlDoc } from "./documents.ts";
import { operationNames } from "./names.ts";
import { graphqlSdl } from "./sdl.ts";

const T0 = "2024-05-01T08:00:00.000Z";
const T1 = "2024-05-01T08:05:00.000Z";

export const SAMPLE_DOCS: { [C in CollectionName]: GraphqlDoc<C> } = {
  stores: {
    id: "store-dla-akwa",
    name: "Okada Akwa",
    city: "Douala",
    address: "Rue Joffre, Akwa",
    location: { lat: 4.0511, lng: 9.7679 },
    open: true,
    hours: { opens: "07:00", closes: "22:30" },
    updatedAt: T0,
    _deleted: false,
  },
  products: {
    id: "prod-riz-5kg",
    storeId: "store-dla-akwa",
    name: { fr: "Riz parfumé 5 kg", en: "Fragrant rice 5 kg" },
    category: "epicerie",
    priceXaf: 6500,
    unit: "sac",
    active: true,
    updatedAt: T0,
    _deleted: false,
  },
  stock: {
    id: "store-dla-akwa:prod-riz-5kg",
    storeId: "store-dla-akwa",
    productId: "prod-riz-5kg",
    onHand: 42,
    reserved: 3,
    updatedAt: T0,
    _deleted: false,
  },
  orders: {
    id: "ord_0lvmb4c00abcdefghij",
    customerId: "customer-1",
    storeId: "store-dla-akwa",
    items: [
      { productId: "prod-riz-5kg", qty: 2, unitPriceXaf: 6500 },
      { productId: "prod-huile-1l", qty: 1, unitPriceXaf: 1800 },
    ],
    totalXaf: 14800,
    deliveryAddress: { text: "Carrefour Ndokoti", city: "Douala" },
    payment: { method: "mtn_momo", status: "pending" },
    status: "picked_up",
    statusHistory: [
      { status: "pending", at: T0, by: "customer-1" },
      { status: "accepted", at: T0, by: "staff-1" },
      { status: "picked_up", at: T1, by: "rider-1" },
    ],
    riderId: "rider-1",
    createdAt: T0,
    updatedAt: T1,
    _deleted: false,
  },
  riders: {
    id: "rider-1",
    name: "Paul Mbarga",
    city: "Douala",
    phone: "+237670000001",
    availability: "busy",
    location: { lat: 4.06, lng: 9.71, accuracy: 12.5, recordedAt: T1 },
    updatedAt: T1,
    _deleted: false,
  },
};

interface Change {
  seq: number;
  collection: CollectionName;
  id: string;
}

interface PushArgs {
  rows: readonly {
    assumedMasterState?: Readonly<Record<string, unknown>> | null;
    newDocumentState: Readonly<Record<string, unknown>>;
  }[];
}

interface PullArgs {
  checkpoint: { seq: string } | null;
  limit: number;
}

export interface TestSyncServer {
  schema: GraphQLSchema;
  rootValue: Record<string, unknown>;
  /** A `fetch` that answers GraphQL POSTs in process. */
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** Every request body received, in order. */
  requests: { query: string; operationName?: string; variables: unknown }[];
  /** A write made on the server side (by staff, say). */
  put(collection: CollectionName, doc: WireDoc): void;
  get(collection: CollectionName, id: string): WireDoc | undefined;
  all(collection: CollectionName): WireDoc[];
}

export function createTestSyncServer(): TestSyncServer {
  const schema = buildSchema(graphqlSdl());
  const docs = new Map<string, WireDoc>();
  const log: Change[] = [];
  const key = (c: CollectionName, id: string) => `${c}/${id}`;

  function put(collection: CollectionName, doc: WireDoc): void {
    const clean = projectGraphqlDoc(collection, doc);
    docs.set(key(collection, clean.id), clean);
    log.push({ seq: log.length + 1, collection, id: clean.id });
  }

  function pull(collection: CollectionName, args: PullArgs) {
    const since = Number(args.checkpoint?.seq ?? "0");
    const latest = new Map<string, number>();
    for (const c of log) latest.set(key(c.collection, c.id), c.seq);
    const documents: WireDoc[] = [];
    let seq = since;
    for (const c of log.slice(since)) {
      if (documents.length >= args.limit) break;
      seq = c.seq;
      const k = key(c.collection, c.id);
      const doc = docs.get(k);
      if (c.collection === collection && latest.get(k) === c.seq && doc) {
        documents.push(doc);
      }
    }
    return { documents, checkpoint: { seq: String(seq) } };
  }

  function push(collection: CollectionName, args: PushArgs): WireDoc[] {
    const conflicts: WireDoc[] = [];
    for (const row of args.rows) {
      const next = projectGraphqlDoc(collection, row.newDocumentState);
      const master = docs.get(key(collection, next.id));
      const assumed = row.assumedMasterState;
      const base = assumed ? projectGraphqlDoc(collection, assumed) : null;
      if (master && (!base || !sameState(base, master))) {
        conflicts.push(master);
      } else {
        put(collection, next);
      }
    }
    return conflicts;
  }

  const rootValue: Record<string, unknown> = {};
  for (const collection of COLLECTION_NAMES) {
    const op = operationNames(collection);
    rootValue[op.pull] = (args: PullArgs) => pull(collection, args);
    rootValue[op.push] = (args: PushArgs) => push(collection, args);
  }

  const requests: TestSyncServer["requests"] = [];
  async function fetch(
    input: RequestInfo | URL,
    init?: RequestInit,
  ): Promise<Response> {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = (await request.json()) as TestSyncServer["requests"][number];
    requests.push(body);
    const result: ExecutionResult = await graphql({
      schema,
      rootValue,
      source: body.query,
      variableValues: body.variables as Record<string, unknown>,
      operationName: body.operationName ?? null,
    });
    return Response.json(result);
  }

  return {
    schema,
    rootValue,
    fetch,
    requests,
    put,
    get: (collection, id) => docs.get(key(collection, id)),
    all: (collection) =>
      [...docs.entries()]
        .filter(([k]) => k.startsWith(`${collection}/`))
        .map(([, doc]) => doc),
  };
}
