/**
 * Malformed GraphQL requests over HTTP POST on a real server: each gets a
 * coded 4xx in the contract's format (HTTP status, `error`, and
 * `errors[].extensions.code`), a push hidden in a bad request stores
 * nothing, and the server answers the next good request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  graphqlQueryBuilders,
  type Checkpoint,
  type ErrorCode,
  type GraphqlDoc,
} from "@okada/sync-rules";
import {
  login,
  requestJson,
  startTestServer,
  type JsonResponse,
  type TestServer,
} from "@okada/test-tools";

const products = graphqlQueryBuilders("products");
const goodPull = products.pullQueryBuilder(undefined, 1);

function product(id: string): GraphqlDoc<"products"> {
  return {
    id,
    storeId: "store-dla-akwa",
    name: { fr: "Savon de Marseille", en: "Marseille soap" },
    category: "maison",
    priceXaf: 450,
    unit: "pièce",
    active: true,
    updatedAt: "2024-05-01T08:00:00.000Z",
    _deleted: false,
  };
}

/** A valid push of `id`, for requests that must not run it. */
function pushOf(id: string) {
  return products.pushQueryBuilder([{ newDocumentState: product(id) }]);
}

/** The push mutation's text with the document inlined, unnamed. */
function inlinePush(name: string, id: string): string {
  const { query, variables } = pushOf(id);
  const rows = JSON.stringify(variables["rows"]).replace(/"(\w+)":/g, "$1:");
  const selection = query.slice(query.indexOf("{pushProducts(") + 1, -1);
  return `mutation ${name} {${selection.replace("$rows", rows)}}`;
}

interface ErrorReply {
  error: { code: string; message: string };
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

async function expectStillServing(): Promise<void> {
  const res = await requestJson(ts.graphqlUrl, { body: goodPull, token });
  expect(res.status).toBe(200);
  const data = (res.body as { data: { pullProducts: { documents: [] } } }).data;
  expect(data.pullProducts.documents).toHaveLength(1);
}

async function expectNotStored(id: string): Promise<void> {
  const found = await ts.server.store.collection("products").getMany([id]);
  expect([...found.keys()]).toEqual([]);
}

beforeAll(async () => {
  ts = await startTestServer({ seed: true });
  // Admin may write the products of every store.
  token = await login(ts.url, "admin");
});

afterAll(async () => {
  await ts?.close();
});

interface BadRequest {
  name: string;
  /** The body, given the ID of a document it must not store. */
  body: (id: string) => unknown;
  status: number;
  code: ErrorCode;
  /** Says what is wrong, so the failure is for the reason named. */
  message: RegExp;
}

const bodies: BadRequest[] = [
  {
    name: "a syntax error",
    body: (id) => ({ query: inlinePush("Broken", id).slice(0, -2) }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /^Syntax Error/,
  },
  {
    name: "an unknown field in the selection",
    body: (id) => ({
      ...pushOf(id),
      query: pushOf(id).query.replace("{id ", "{id colour "),
    }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /"colour"/,
  },
  {
    name: "an unknown collection (pullSpaceships)",
    body: () => ({
      query: "query { pullSpaceships(limit: 1) { checkpoint { seq } } }",
    }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /"pullSpaceships"/,
  },
  {
    name: "an unknown collection (pushSpaceships)",
    body: (id) => ({
      query: inlinePush("Ships", id).replace("pushProducts", "pushSpaceships"),
    }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /"pushSpaceships"/,
  },
  {
    name: "a variable of the wrong type (limit)",
    body: () => ({ ...goodPull, variables: { limit: "ten" } }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /"\$limit" got invalid value "ten"/,
  },
  {
    name: "a fractional limit",
    body: () => ({ ...goodPull, variables: { limit: 1.5 } }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /"\$limit" got invalid value 1.5/,
  },
  {
    name: "a required variable missing",
    body: () => ({ ...goodPull, variables: {} }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /"\$limit" .* not provided/,
  },
  {
    name: "rows that are not push rows",
    body: (id) => ({ ...pushOf(id), variables: { rows: [id] } }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /"\$rows" got invalid value/,
  },
  {
    name: "two operations and no operationName",
    body: (id) => ({
      query: `${inlinePush("A", id)} ${inlinePush("B", `${id}-b`)}`,
    }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /^Name the operation/,
  },
  {
    name: "an operationName that names no operation",
    body: (id) => ({ ...pushOf(id), operationName: "PushSpaceships" }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /no operation named PushSpaceships/,
  },
  {
    name: "a subscription over POST",
    body: () => products.pullStreamQueryBuilder({}),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /WebSocket/,
  },
  {
    name: "a body without query",
    body: (id) => ({ variables: pushOf(id).variables }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /"query"/,
  },
  {
    name: "a query that is not a string",
    body: () => ({ query: 42 }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /"query"/,
  },
  {
    name: "a batch of operations (JSON array)",
    body: (id) => [pushOf(id)],
    status: 400,
    code: "MALFORMED_QUERY",
    message: /"query"/,
  },
  {
    name: "variables as a string",
    body: (id) => ({ ...pushOf(id), variables: "{}" }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /variables must be an object/,
  },
  {
    name: "variables as an array",
    body: (id) => ({ ...pushOf(id), variables: [] }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /variables must be an object/,
  },
  {
    name: "an operationName that is not a string",
    body: (id) => ({ ...pushOf(id), operationName: ["PushProducts"] }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /operationName must be a string/,
  },
  {
    name: "a query of more than 5000 tokens",
    body: () => ({ query: `{${" __typename".repeat(6000)}}` }),
    status: 400,
    code: "MALFORMED_QUERY",
    message: /5000 tokens/,
  },
];

describe("malformed GraphQL", () => {
  it.each(bodies)("$name: $status $code", async ({ name, body, ...want }) => {
    const id = `malformed-${name.replace(/\W+/g, "-")}`;
    const res = await requestJson(ts.graphqlUrl, { body: body(id), token });
    expectCoded(res, want.status, want.code);
    expect((res.body as ErrorReply).error.message).toMatch(want.message);
    await expectNotStored(id);
    await expectNotStored(`${id}-b`);
    await expectStillServing();
  });

  it("a body that is not JSON: 400 BAD_REQUEST", async () => {
    const res = await requestJson(ts.graphqlUrl, {
      rawBody: `{"query": "mutation {`,
      token,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "BAD_REQUEST" } });
    await expectStillServing();
  });

  it.each(["text/plain", "application/graphql", "multipart/form-data"])(
    "a body sent as %s: 415 UNSUPPORTED_MEDIA_TYPE",
    async (type) => {
      const id = `media-${type.replace(/\W+/g, "-")}`;
      const res = await requestJson(ts.graphqlUrl, {
        rawBody: JSON.stringify(pushOf(id)),
        headers: { "content-type": type },
        token,
      });
      expectCoded(res, 415, "UNSUPPORTED_MEDIA_TYPE");
      await expectNotStored(id);
      await expectStillServing();
    },
  );
});

describe("pull arguments", () => {
  const pull = (checkpoint: unknown, limit: unknown) => ({
    ...goodPull,
    variables: { checkpoint, limit },
  });
  const cases: {
    name: string;
    body: ReturnType<typeof pull>;
    status: number;
    code: ErrorCode;
  }[] = [
    {
      name: "a checkpoint not made by the server",
      body: pull({ seq: "garbage" }, 10),
      status: 400,
      code: "INVALID_CHECKPOINT",
    },
    {
      name: "an empty checkpoint",
      body: pull({ seq: "" }, 10),
      status: 400,
      code: "INVALID_CHECKPOINT",
    },
    {
      name: "a negative checkpoint",
      body: pull({ seq: "-1" }, 10),
      status: 400,
      code: "INVALID_CHECKPOINT",
    },
    {
      name: "a checkpoint of the wrong type",
      body: pull({ seq: 12 }, 10),
      status: 400,
      code: "MALFORMED_QUERY",
    },
    {
      name: "limit 0",
      body: pull(null, 0),
      status: 400,
      code: "BAD_REQUEST",
    },
    {
      name: "a negative limit",
      body: pull(null, -5),
      status: 400,
      code: "BAD_REQUEST",
    },
    {
      name: "limit 5000",
      body: pull(null, 5000),
      status: 400,
      code: "BAD_REQUEST",
    },
  ];

  it.each(cases)("$name: $status $code", async ({ body, status, code }) => {
    const res = await requestJson(ts.graphqlUrl, { body, token });
    expectCoded(res, status, code);
    await expectStillServing();
  });

  it("a checkpoint the server issued still works", async () => {
    const first = await requestJson(ts.graphqlUrl, { body: goodPull, token });
    const { checkpoint } = (
      first.body as { data: { pullProducts: { checkpoint: unknown } } }
    ).data.pullProducts;
    const next = products.pullQueryBuilder(
      checkpoint as { seq: Checkpoint },
      1000,
    );
    const res = await requestJson(ts.graphqlUrl, { body: next, token });
    expect(res.status).toBe(200);
  });
});
