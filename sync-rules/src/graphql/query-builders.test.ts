import {
  buildSchema,
  getOperationAST,
  getVariableValues,
  parse,
  validate,
} from "graphql";
import { describe, expect, test } from "vitest";
import { COLLECTION_NAMES } from "../collections.ts";
import type { CollectionName } from "../collections.ts";
import type { Checkpoint } from "../ids.ts";
import type { GraphqlRequest } from "./query-builders.ts";
import { graphqlQueryBuilders } from "./query-builders.ts";
import { operationNames } from "./names.ts";
import { graphqlSdl } from "./sdl.ts";
import { SAMPLE_DOCS } from "./test-support.ts";

const schema = buildSchema(graphqlSdl());
const checkpoint = { seq: "42-g1AAAA" as Checkpoint };

/** Validation errors of the document and of its variables, as strings. */
function problems(request: GraphqlRequest): string[] {
  const document = parse(request.query);
  const errors = validate(schema, document).map((e) => e.message);
  const operation = getOperationAST(document, request.operationName);
  if (!operation) return [...errors, "operation not found"];
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    request.variables,
  );
  return [...errors, ...(coerced.errors ?? []).map((e) => e.message)];
}

function allRequests(collection: CollectionName): GraphqlRequest[] {
  const b = graphqlQueryBuilders(collection);
  const doc = SAMPLE_DOCS[collection];
  return [
    b.pullQueryBuilder(undefined, 1),
    b.pullQueryBuilder(checkpoint, 200),
    b.pushQueryBuilder([{ newDocumentState: doc }]),
    b.pushQueryBuilder([
      { assumedMasterState: doc, newDocumentState: doc },
      { assumedMasterState: null, newDocumentState: doc },
    ]),
    b.pullStreamQueryBuilder({ Authorization: "Bearer t" }),
    b.pullStreamQueryBuilder({}),
  ];
}

describe.each(COLLECTION_NAMES)("builders of %s", (collection) => {
  const op = operationNames(collection);
  const b = graphqlQueryBuilders(collection);

  test("every request validates against the schema, variables too", () => {
    for (const request of allRequests(collection)) {
      expect(problems(request), request.query).toEqual([]);
    }
  });

  test("operation names and root fields follow the collection", () => {
    const pull = b.pullQueryBuilder(undefined, 1);
    const push = b.pushQueryBuilder([]);
    const stream = b.pullStreamQueryBuilder({});
    expect(pull.operationName).toBe(`P${op.pull.slice(1)}`);
    expect(push.operationName).toBe(`P${op.push.slice(1)}`);
    expect(stream.operationName).toBe(`S${op.stream.slice(1)}`);
    expect(pull.query).toMatch(new RegExp(`^query \\w+\\(.*\\{${op.pull}\\(`));
    expect(push.query).toMatch(
      new RegExp(`^mutation \\w+\\(.*\\{${op.push}\\(`),
    );
    expect(stream.query).toMatch(
      new RegExp(`^subscription \\w+\\(.*\\{${op.stream}\\(`),
    );
  });

  test("selects every field of the sample document, recursively", () => {
    const fields = (value: unknown): string[] =>
      Array.isArray(value)
        ? fields(value[0])
        : typeof value === "object" && value !== null
          ? Object.entries(value).flatMap(([k, v]) => [k, ...fields(v)])
          : [];
    const { query } = b.pullQueryBuilder(undefined, 1);
    for (const name of fields(SAMPLE_DOCS[collection])) {
      expect(query).toMatch(new RegExp(`[{ ]${name}[{ }]`));
    }
  });
});

describe("pullQueryBuilder", () => {
  const { pullQueryBuilder } = graphqlQueryBuilders("products");

  test("sends a null checkpoint on the first pull", () => {
    expect(pullQueryBuilder(undefined, 200).variables).toEqual({
      checkpoint: null,
      limit: 200,
    });
    expect(pullQueryBuilder(null, 5).variables["checkpoint"]).toBeNull();
  });

  test("sends only seq, whatever else the checkpoint carries", () => {
    const stored = { ...checkpoint, cachedAt: 17 };
    const request = pullQueryBuilder(stored, 10);
    expect(request.variables).toEqual({ checkpoint, limit: 10 });
    expect(problems(request)).toEqual([]);
  });

  test("is compact: one line, no indentation", () => {
    const { query } = pullQueryBuilder(undefined, 1);
    expect(query).not.toContain("\n");
    expect(query).not.toContain("  ");
    expect(query).toBe(
      "query PullProducts($checkpoint: CheckpointInput, $limit: Int!)" +
        "{pullProducts(checkpoint: $checkpoint, limit: $limit)" +
        "{documents{id storeId name{fr en} category priceXaf unit active " +
        "updatedAt _deleted} checkpoint{seq}}}",
    );
  });
});

describe("pushQueryBuilder", () => {
  const { pushQueryBuilder } = graphqlQueryBuilders("orders");
  const order = SAMPLE_DOCS.orders;

  test("strips RxDB's fields and anything outside the schema", () => {
    const local = {
      ...order,
      _rev: "3-abc",
      _meta: { lwt: 1714550400000 },
      _attachments: {},
      localOnlyNote: "ring twice",
      items: order.items.map((i) => ({ ...i, _cached: true })),
    };
    const request = pushQueryBuilder([
      { assumedMasterState: local, newDocumentState: local },
    ]);
    expect(request.variables).toEqual({
      rows: [{ assumedMasterState: order, newDocumentState: order }],
    });
    expect(problems(request)).toEqual([]);
  });

  test("leaves out a missing or null assumedMasterState", () => {
    const request = pushQueryBuilder([
      { newDocumentState: order },
      { assumedMasterState: null, newDocumentState: order },
      { assumedMasterState: undefined, newDocumentState: order },
    ]);
    const rows = request.variables["rows"] as Record<string, unknown>[];
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(["newDocumentState"]);
    }
  });

  test("drops nulls the schema does not allow and sets _deleted", () => {
    const { riderId: _, ...pending } = order;
    const request = pushQueryBuilder([
      {
        newDocumentState: {
          ...pending,
          riderId: null,
          rejectionReason: undefined,
          _deleted: undefined,
        },
      },
    ]);
    const [row] = request.variables["rows"] as {
      newDocumentState: Record<string, unknown>;
    }[];
    expect(row?.newDocumentState).toEqual({ ...pending, _deleted: false });
    expect(problems(request)).toEqual([]);
  });

  test("a deletion travels as _deleted: true", () => {
    const request = pushQueryBuilder([
      { newDocumentState: { ...order, _deleted: true } },
    ]);
    expect(request.variables).toMatchObject({
      rows: [{ newDocumentState: { id: order.id, _deleted: true } }],
    });
  });
});

describe("pullStreamQueryBuilder", () => {
  const { pullStreamQueryBuilder } = graphqlQueryBuilders("riders");

  test.each<[string, Record<string, string> | undefined, unknown]>([
    ["no headers", undefined, null],
    ["empty headers", {}, null],
    [
      "Authorization",
      { Authorization: "Bearer a" },
      { Authorization: "Bearer a" },
    ],
    [
      "lower-case",
      { authorization: "Bearer b" },
      { Authorization: "Bearer b" },
    ],
    [
      "other headers",
      { "X-Okada-App": "pwa/1.2", Authorization: "Bearer c" },
      { Authorization: "Bearer c" },
    ],
  ])("passes on only Authorization: %s", (_name, headers, expected) => {
    const request = pullStreamQueryBuilder(headers);
    expect(request.variables).toEqual({ headers: expected });
    expect(problems(request)).toEqual([]);
  });
});
