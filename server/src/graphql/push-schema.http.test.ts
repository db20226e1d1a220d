/**
 * Pushes whose documents do not fit the collection schema, over GraphQL
 * on a real server: each gets 422 SCHEMA_VIOLATION in the contract's
 * format, the store holds nothing new (not even the good rows of the same
 * batch), and the next good push goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MAX_PUSH_ROWS,
  graphqlQueryBuilders,
  type Checkpoint,
  type CollectionName,
  type ErrorCode,
  type GraphqlDoc,
  type GraphqlRequest,
} from "@okada/sync-rules";
import {
  login,
  requestJson,
  startTestServer,
  type JsonResponse,
  type TestServer,
} from "@okada/test-tools";

const T0 = "2024-05-01T08:00:00.000Z";

type Row = Record<string, unknown>;
type Doc = Record<string, unknown>;

function product(id: string): GraphqlDoc<"products"> {
  return {
    id,
    storeId: "store-dla-akwa",
    name: { fr: "Riz parfumé 5 kg", en: "Fragrant rice 5 kg" },
    category: "epicerie",
    priceXaf: 6500,
    unit: "sac",
    active: true,
    updatedAt: T0,
    _deleted: false,
  };
}

function order(id: string): GraphqlDoc<"orders"> {
  return {
    id,
    customerId: "customer",
    storeId: "store-dla-akwa",
    items: [{ productId: "prod-riz-5kg", qty: 2, unitPriceXaf: 6500 }],
    totalXaf: 13000,
    deliveryAddress: { text: "Carrefour Ndokoti", city: "Douala" },
    payment: { method: "cash", status: "pending" },
    status: "pending",
    statusHistory: [{ status: "pending", at: T0, by: "customer" }],
    createdAt: T0,
    updatedAt: T0,
    _deleted: false,
  };
}

/**
 * A push built from the builder's query with rows sent as given: the
 * builder projects documents onto the schema's fields, which would hide
 * an unknown field.
 */
function rawPush(collection: CollectionName, rows: readonly Row[]) {
  const { query, operationName } = graphqlQueryBuilders(
    collection,
  ).pushQueryBuilder([]);
  return { query, operationName, variables: { rows } };
}

interface ErrorReply {
  error: { code: string; message: string; details?: unknown };
  errors?: { message: string; extensions?: { code?: string } }[];
}

function expectCoded(res: JsonResponse, status: number, code: ErrorCode) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.body).toMatchObject({ error: { code } });
  const body = res.body as ErrorReply;
  expect(body.error.message.length).toBeGreaterThan(10);
  expect(body.errors?.[0]?.extensions?.code).toBe(code);
}

let ts: TestServer;
let token: string;

async function send(body: GraphqlRequest): Promise<JsonResponse> {
  return requestJson(ts.graphqlUrl, { body, token });
}

async function stored(collection: CollectionName, ids: readonly string[]) {
  const found = await ts.server.store.collection(collection).getMany(ids);
  return [...found.keys()];
}

/** The collection's change sequence now, as a pull checkpoint. */
async function checkpointNow(collection: CollectionName) {
  const seq = await ts.server.store.collection(collection).currentSeq();
  return { seq: seq as Checkpoint };
}

/** What a client pulling from `since` would receive. */
async function pulledSince(
  collection: CollectionName,
  since: { seq: Checkpoint },
) {
  const { pullQueryBuilder } = graphqlQueryBuilders(collection);
  const res = await send(pullQueryBuilder(since, 100));
  expect(res.status).toBe(200);
  const data = (res.body as { data: Record<string, { documents: Doc[] }> })
    .data;
  return Object.values(data)[0]?.documents ?? [];
}

/** A good push right after a bad one: the server still takes writes. */
async function expectGoodPush(id: string) {
  const { pushQueryBuilder } = graphqlQueryBuilders("products");
  const res = await send(pushQueryBuilder([{ newDocumentState: product(id) }]));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toEqual({ data: { pushProducts: [] } });
  expect(await stored("products", [id])).toEqual([id]);
}

beforeAll(async () => {
  ts = await startTestServer({ seed: true });
  // Admin may write the products of every store.
  token = await login(ts.url, "admin");
});

afterAll(async () => {
  await ts?.close();
});

interface BadDocCase {
  name: string;
  collection: CollectionName;
  doc: (id: string) => Doc;
}

const badDocs: BadDocCase[] = [
  {
    name: "a negative price",
    collection: "products",
    doc: (id) => ({ ...product(id), priceXaf: -1 }),
  },
  {
    name: "a price with decimals",
    collection: "products",
    doc: (id) => ({ ...product(id), priceXaf: 99.5 }),
  },
  {
    name: "a required field missing",
    collection: "products",
    doc: (id) => {
      const { unit: _unit, ...rest } = product(id);
      return rest;
    },
  },
  {
    name: "a nested required field missing",
    collection: "products",
    doc: (id) => ({ ...product(id), name: { fr: "Riz" } }),
  },
  {
    name: "an unknown field",
    collection: "products",
    doc: (id) => ({ ...product(id), colour: "red" }),
  },
  {
    name: "a field of the wrong type",
    collection: "products",
    doc: (id) => ({ ...product(id), priceXaf: "cheap" }),
  },
  {
    name: "a boolean as a string",
    collection: "products",
    doc: (id) => ({ ...product(id), active: "yes" }),
  },
  {
    name: "a timestamp that is not ISO 8601",
    collection: "products",
    doc: (id) => ({ ...product(id), updatedAt: "yesterday" }),
  },
  {
    name: "an empty ID",
    collection: "products",
    doc: () => product(""),
  },
  {
    name: "an order item with qty 0",
    collection: "orders",
    doc: (id) => ({
      ...order(id),
      items: [{ productId: "prod-riz-5kg", qty: 0, unitPriceXaf: 6500 }],
    }),
  },
  {
    name: "an order with no items",
    collection: "orders",
    doc: (id) => ({ ...order(id), items: [] }),
  },
  {
    name: "an order paid by an unknown method",
    collection: "orders",
    doc: (id) => ({
      ...order(id),
      payment: { method: "cheque", status: "pending" },
    }),
  },
  {
    name: "an order in an unknown status",
    collection: "orders",
    doc: (id) => ({ ...order(id), status: "teleported" }),
  },
];

describe("a pushed document that fails the schema", () => {
  it.each(badDocs)(
    "$name: 422 SCHEMA_VIOLATION, nothing stored",
    async ({ name, collection, doc }) => {
      const id = `bad-${name.replaceAll(" ", "-")}`;
      const since = await checkpointNow(collection);
      const res = await send(
        rawPush(collection, [{ newDocumentState: doc(id) }]),
      );
      expectCoded(res, 422, "SCHEMA_VIOLATION");
      expect(await stored(collection, [id])).toEqual([]);
      expect(await pulledSince(collection, since)).toEqual([]);
      await expectGoodPush(`good-after-${id}`);
    },
  );
});

describe("a batch with good and bad rows stores nothing", () => {
  const bad: BadDocCase[] = [
    {
      name: "the rules refuse one row",
      collection: "products",
      doc: (id) => ({ ...product(id), priceXaf: -5 }),
    },
    {
      name: "GraphQL refuses one row",
      collection: "products",
      doc: (id) => ({ ...product(id), priceXaf: "free" }),
    },
  ];
  const orders = [
    { order: "good row first", badFirst: false },
    { order: "bad row first", badFirst: true },
  ];
  const cases = bad.flatMap((b) => orders.map((o) => ({ ...b, ...o })));

  it.each(cases)("$name, $order", async ({ name, doc, badFirst }) => {
    const slug = `${name}-${String(badFirst)}`.replaceAll(" ", "-");
    const goodId = `batch-good-${slug}`;
    const badId = `batch-bad-${slug}`;
    const good = { newDocumentState: product(goodId) };
    const worse = { newDocumentState: doc(badId) };
    const since = await checkpointNow("products");
    const rows = badFirst ? [worse, good] : [good, worse];
    const res = await send(rawPush("products", rows));
    expectCoded(res, 422, "SCHEMA_VIOLATION");
    // The message points at the bad row, by its ID or by its index.
    const where = `${badId}|rows\\[${badFirst ? 0 : 1}\\]`;
    expect((res.body as ErrorReply).error.message).toMatch(new RegExp(where));
    expect(await stored("products", [goodId, badId])).toEqual([]);
    expect(await pulledSince("products", since)).toEqual([]);
    await expectGoodPush(`good-after-${slug}`);
  });
});

describe("push rows that are not well formed", () => {
  const cases: { name: string; rows: (id: string) => Row[] }[] = [
    {
      name: "the same ID twice",
      rows: (id) => [
        { newDocumentState: product(id) },
        { newDocumentState: { ...product(id), priceXaf: 1 } },
      ],
    },
    {
      name: "an assumed master of another document",
      rows: (id) => [
        {
          assumedMasterState: product(`${id}-other`),
          newDocumentState: product(id),
        },
      ],
    },
  ];

  it.each(cases)("$name: 400 BAD_REQUEST", async ({ name, rows }) => {
    const id = `rows-${name.replaceAll(" ", "-")}`;
    const res = await send(rawPush("products", rows(id)));
    expectCoded(res, 400, "BAD_REQUEST");
    expect(await stored("products", [id, `${id}-other`])).toEqual([]);
    await expectGoodPush(`good-after-${id}`);
  });
});

describe("push batch size", () => {
  const { pushQueryBuilder } = graphqlQueryBuilders("products");
  const batch = (prefix: string, size: number) =>
    Array.from({ length: size }, (_, i) => ({
      newDocumentState: product(`${prefix}-${i}`),
    }));

  it(`more than ${MAX_PUSH_ROWS} rows: 413 PAYLOAD_TOO_LARGE`, async () => {
    const rows = batch("over", MAX_PUSH_ROWS + 1);
    const res = await send(pushQueryBuilder(rows));
    expectCoded(res, 413, "PAYLOAD_TOO_LARGE");
    const ids = rows.map((r) => r.newDocumentState.id);
    expect(await stored("products", ids)).toEqual([]);
    await expectGoodPush("good-after-over");
  });

  it(`exactly ${MAX_PUSH_ROWS} rows go through`, async () => {
    const rows = batch("limit", MAX_PUSH_ROWS);
    const res = await send(pushQueryBuilder(rows));
    expect(res.status).toBe(200);
    const ids = rows.map((r) => r.newDocumentState.id);
    expect(await stored("products", ids)).toHaveLength(MAX_PUSH_ROWS);
  });
});
