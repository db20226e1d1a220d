import type { ExecutionResult } from "graphql";
import { buildSchema, graphql, parse, subscribe } from "graphql";
import { describe, expect, test } from "vitest";
import type { CollectionName } from "../collections.ts";
import { COLLECTION_NAMES, COLLECTIONS } from "../collections.ts";
import type { WireDoc } from "../protocol.ts";
import { schemaProblems } from "../validate.ts";
import { projectGraphqlDoc } from "./documents.ts";
import { operationNames } from "./names.ts";
import type { GraphqlRequest } from "./query-builders.ts";
import { graphqlQueryBuilders } from "./query-builders.ts";
import { graphqlReplicationOptions } from "./replication-options.ts";
import { graphqlSdl } from "./sdl.ts";
import { SAMPLE_DOCS } from "./test-support.ts";

const schema = buildSchema(graphqlSdl());

/** Runs a built request against resolvers that answer with `docs`. */
async function run(
  collection: CollectionName,
  request: GraphqlRequest,
  docs: readonly object[],
): Promise<{ result: ExecutionResult; received: unknown[] }> {
  const op = operationNames(collection);
  const received: unknown[] = [];
  const rootValue = {
    [op.pull]: (args: unknown) => {
      received.push(args);
      return { documents: docs, checkpoint: { seq: "7" } };
    },
    [op.push]: (args: unknown) => {
      received.push(args);
      return docs;
    },
  };
  const result = await graphql({
    schema,
    source: request.query,
    operationName: request.operationName,
    variableValues: request.variables,
    rootValue,
  });
  return { result, received };
}

/** graphql-js hands resolvers null-prototype objects; compare as JSON. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * What a client keeps of answered documents: GraphQL answers `null` for
 * an absent optional field, and the projection drops it again.
 */
function kept(collection: CollectionName, docs: unknown): WireDoc[] {
  return (plain(docs) as WireDoc[]).map((d) =>
    projectGraphqlDoc(collection, d),
  );
}

describe.each(COLLECTION_NAMES)("%s round trip", (collection) => {
  const doc = SAMPLE_DOCS[collection];
  const builders = graphqlQueryBuilders(collection);
  const op = operationNames(collection);

  test("the sample document fits the collection schema", () => {
    expect(schemaProblems(collection, doc)).toEqual([]);
  });

  test("pull answers the document exactly as stored", async () => {
    const request = builders.pullQueryBuilder(undefined, 10);
    const { result, received } = await run(collection, request, [doc]);
    expect(result.errors).toBeUndefined();
    expect(plain(received)).toEqual([{ checkpoint: null, limit: 10 }]);
    const bulk = plain(result.data?.[op.pull]) as {
      documents: WireDoc[];
      checkpoint: unknown;
    };
    expect(bulk.checkpoint).toEqual({ seq: "7" });
    expect(kept(collection, bulk.documents)).toEqual([doc]);
    // Every schema field is answered, absent ones as null.
    const fields = Object.keys(COLLECTIONS[collection].schema.properties);
    expect(Object.keys(bulk.documents[0] ?? {}).sort()).toEqual(
      [...fields, "_deleted"].sort(),
    );
  });

  test("push delivers the rows and answers the conflicts", async () => {
    const master = { ...doc, updatedAt: "2024-05-02T10:00:00.000Z" };
    const request = builders.pushQueryBuilder([
      { assumedMasterState: doc, newDocumentState: { ...doc, _rev: "2-x" } },
    ]);
    const { result, received } = await run(collection, request, [master]);
    expect(result.errors).toBeUndefined();
    expect(plain(received)).toEqual([
      { rows: [{ assumedMasterState: doc, newDocumentState: doc }] },
    ]);
    expect(kept(collection, result.data?.[op.push])).toEqual([master]);
  });

  test("the stream delivers pages through a subscription", async () => {
    const page = { documents: [doc], checkpoint: { seq: "8" } };
    const seen: unknown[] = [];
    async function* events() {
      await Promise.resolve(); // a live feed answers on a later tick
      yield { [op.stream]: page };
    }
    const rootValue = {
      [op.stream]: (args: unknown) => {
        seen.push(args);
        return events();
      },
    };
    const request = builders.pullStreamQueryBuilder({ Authorization: "B t" });
    const stream = await subscribe({
      schema,
      document: parse(request.query),
      variableValues: request.variables,
      rootValue,
    });
    if (!(Symbol.asyncIterator in stream)) throw new Error("not a stream");
    const first = await stream[Symbol.asyncIterator]().next();
    const value = first.value as ExecutionResult;
    expect(value.errors).toBeUndefined();
    const answered = value.data?.[op.stream] as { documents: unknown };
    expect(kept(collection, answered.documents)).toEqual([doc]);
    expect(plain(answered)).toMatchObject({ checkpoint: { seq: "8" } });
    expect(plain(seen)).toEqual([{ headers: { Authorization: "B t" } }]);
  });
});

describe("documents with nested data", () => {
  test("products keep the {fr, en} name", async () => {
    const product = {
      ...SAMPLE_DOCS.products,
      name: { fr: "Plantain mûr (régime)", en: "Ripe plantain (bunch)" },
    };
    const request = graphqlQueryBuilders("products").pullQueryBuilder(
      undefined,
      1,
    );
    const { result } = await run("products", request, [product]);
    const bulk = plain(result.data?.["pullProducts"]) as {
      documents: WireDoc[];
    };
    expect(bulk.documents[0]?.["name"]).toEqual(product.name);
  });

  test("orders keep items and statusHistory in order", async () => {
    const order = SAMPLE_DOCS.orders;
    const request = graphqlQueryBuilders("orders").pushQueryBuilder([
      { newDocumentState: order },
    ]);
    const { result, received } = await run("orders", request, [order]);
    const [args] = plain(received) as {
      rows: { newDocumentState: typeof order }[];
    }[];
    const sent = args?.rows[0]?.newDocumentState;
    expect(sent?.items).toEqual(order.items);
    expect(sent?.statusHistory.map((e) => e.status)).toEqual([
      "pending",
      "accepted",
      "picked_up",
    ]);
    expect(kept("orders", result.data?.["pushOrders"])).toEqual([order]);
  });

  test("absent fields answer null; projection drops them", async () => {
    const { riderId: _, ...pending } = SAMPLE_DOCS.orders;
    const { location: __, ...offline } = SAMPLE_DOCS.riders;
    const orders = await run(
      "orders",
      graphqlQueryBuilders("orders").pullQueryBuilder(undefined, 1),
      [pending],
    );
    const riders = await run(
      "riders",
      graphqlQueryBuilders("riders").pullQueryBuilder(undefined, 1),
      [offline],
    );
    const order = (
      plain(orders.result.data?.["pullOrders"]) as { documents: WireDoc[] }
    ).documents[0];
    const rider = (
      plain(riders.result.data?.["pullRiders"]) as { documents: WireDoc[] }
    ).documents[0];
    expect(order).toMatchObject({ riderId: null, rejectionReason: null });
    expect(rider).toMatchObject({ location: null });

    if (!order || !rider) throw new Error("no documents");
    expect(projectGraphqlDoc("orders", order)).toEqual(pending);
    expect(projectGraphqlDoc("riders", rider)).toEqual(offline);
    expect(
      schemaProblems("orders", projectGraphqlDoc("orders", order)),
    ).toEqual([]);

    const { pull } = graphqlReplicationOptions("riders");
    const modified = pull.responseModifier(
      riders.result.data?.["pullRiders"],
      "handler",
    );
    expect(modified.documents).toEqual([offline]);
  });
});
