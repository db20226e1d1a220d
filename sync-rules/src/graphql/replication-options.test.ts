import { describe, expect, test } from "vitest";
import { COLLECTION_NAMES } from "../collections.ts";
import { OkadaError } from "../errors.ts";
import { MAX_PULL_LIMIT, MAX_PUSH_ROWS } from "../protocol.ts";
import { operationNames } from "./names.ts";
import {
  DEFAULT_GRAPHQL_PULL_BATCH_SIZE,
  DEFAULT_GRAPHQL_PUSH_BATCH_SIZE,
  graphqlReplicationOptions,
} from "./replication-options.ts";
import { SAMPLE_DOCS } from "./test-support.ts";

describe.each(COLLECTION_NAMES)("options of %s", (collection) => {
  const op = operationNames(collection);
  const { pull, push } = graphqlReplicationOptions(collection);

  test("name the root fields in dataPath and set both batch sizes", () => {
    expect(pull.dataPath).toEqual(["data", op.pull]);
    expect(push.dataPath).toEqual(["data", op.push]);
    expect(pull.batchSize).toBe(DEFAULT_GRAPHQL_PULL_BATCH_SIZE);
    expect(push.batchSize).toBe(DEFAULT_GRAPHQL_PUSH_BATCH_SIZE);
  });

  test("the pull limit is the batch size RxDB compares pages with", () => {
    const request = pull.queryBuilder(undefined, pull.batchSize);
    expect(request.variables["limit"]).toBe(pull.batchSize);
  });

  test("responseModifier keeps the documents and the checkpoint", () => {
    const doc = SAMPLE_DOCS[collection];
    const raw = { documents: [doc], checkpoint: { seq: "12" } };
    for (const origin of ["handler", "stream"] as const) {
      expect(pull.responseModifier(raw, origin)).toEqual(raw);
    }
    expect(push.responseModifier([doc])).toEqual([doc]);
    expect(push.responseModifier([])).toEqual([]);
  });
});

describe("graphqlReplicationOptions", () => {
  test("takes batch sizes within the protocol's limits", () => {
    const { pull, push } = graphqlReplicationOptions("products", {
      pullBatchSize: MAX_PULL_LIMIT,
      pushBatchSize: 1,
    });
    expect(pull.batchSize).toBe(MAX_PULL_LIMIT);
    expect(push.batchSize).toBe(1);
  });

  test.each([
    [{ pullBatchSize: MAX_PULL_LIMIT + 1 }, /pullBatchSize.*1000/],
    [{ pullBatchSize: 0 }, /pullBatchSize/],
    [{ pullBatchSize: 2.5 }, /pullBatchSize/],
    [{ pushBatchSize: MAX_PUSH_ROWS + 1 }, /pushBatchSize.*500/],
  ])("refuses %j with BAD_REQUEST", (settings, message) => {
    expect(() => graphqlReplicationOptions("orders", settings)).toThrow(
      message,
    );
    try {
      graphqlReplicationOptions("orders", settings);
    } catch (error) {
      expect(error).toBeInstanceOf(OkadaError);
      expect((error as OkadaError).code).toBe("BAD_REQUEST");
    }
  });

  test("responseModifier strips unknown fields and absent-field nulls", () => {
    const { pull, push } = graphqlReplicationOptions("orders");
    const { riderId: _, ...pending } = SAMPLE_DOCS.orders;
    const fromServer = {
      ...pending,
      riderId: null,
      rejectionReason: null,
      __typename: "Order",
    };
    const page = pull.responseModifier({
      documents: [fromServer],
      checkpoint: { seq: "3", extra: true },
    });
    expect(page).toEqual({ documents: [pending], checkpoint: { seq: "3" } });
    expect(push.responseModifier([fromServer])).toEqual([pending]);
  });

  test.each([
    ["null", null],
    ["no documents", { checkpoint: { seq: "1" } }],
    ["no checkpoint", { documents: [] }],
    ["numeric seq", { documents: [], checkpoint: { seq: 1 } }],
    ["a non-object document", { documents: [1], checkpoint: { seq: "1" } }],
  ])("a malformed pull answer (%s) is a coded error", (_name, response) => {
    const { pull } = graphqlReplicationOptions("stock");
    expect(() => pull.responseModifier(response)).toThrow(
      /pullStock answer does not have the expected shape/,
    );
  });

  test("a malformed push answer is a coded error", () => {
    const { push } = graphqlReplicationOptions("stock");
    expect(() => push.responseModifier({})).toThrow(OkadaError);
    expect(() => push.responseModifier([null])).toThrow(/pushStock answer/);
  });
});
