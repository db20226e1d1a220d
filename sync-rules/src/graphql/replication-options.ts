/**
 * Ready-made `pull` and `push` options for RxDB's stock `replicateGraphQL`
 * (rxdb/plugins/replication-graphql). Typed structurally: sync-rules does
 * not depend on RxDB.
 *
 * @example
 * const { pull, push } = graphqlReplicationOptions("products");
 * replicateGraphQL<ProductDoc, SyncCheckpoint>({
 *   collection: db.products,
 *   url: { http: "/graphql", ws: "wss://host/graphql" },
 *   headers: { Authorization: `Bearer ${token}` },
 *   replicationIdentifier: "okada-graphql-products",
 *   pull,
 *   push,
 * });
 */
import type { CollectionName } from "../collections.ts";
import type { Checkpoint } from "../ids.ts";
import { OkadaError } from "../errors.ts";
import type { SyncCheckpoint } from "../protocol.ts";
import { MAX_PULL_LIMIT, MAX_PUSH_ROWS } from "../protocol.ts";
import type { GraphqlDoc } from "./documents.ts";
import { projectGraphqlDoc } from "./documents.ts";
import { operationNames } from "./names.ts";
import type { GraphqlQueryBuilders } from "./query-builders.ts";
import { graphqlQueryBuilders } from "./query-builders.ts";

/**
 * Documents per pull. About 50 kB of products before compression: a few
 * seconds on GPRS, and few enough round trips for a first sync.
 */
export const DEFAULT_GRAPHQL_PULL_BATCH_SIZE = 200;
/**
 * Rows per push. Request bodies go up uncompressed on links of 20 to
 * 200 kbit/s, and a push that fails is sent again whole.
 */
export const DEFAULT_GRAPHQL_PUSH_BATCH_SIZE = 25;

export interface GraphqlReplicationSettings {
  /** Default `DEFAULT_GRAPHQL_PULL_BATCH_SIZE`; at most `MAX_PULL_LIMIT`. */
  pullBatchSize?: number;
  /** Default `DEFAULT_GRAPHQL_PUSH_BATCH_SIZE`; at most `MAX_PUSH_ROWS`. */
  pushBatchSize?: number;
}

export interface GraphqlPullBulk<C extends CollectionName> {
  documents: GraphqlDoc<C>[];
  checkpoint: SyncCheckpoint;
}

/** Spread into `replicateGraphQL({ pull })`. */
export interface GraphqlPullOptions<C extends CollectionName> {
  queryBuilder: GraphqlQueryBuilders["pullQueryBuilder"];
  streamQueryBuilder: GraphqlQueryBuilders["pullStreamQueryBuilder"];
  dataPath: string[];
  /** Drops the `null`s GraphQL answers for absent optional fields. */
  responseModifier: (
    response: unknown,
    origin?: "handler" | "stream",
  ) => GraphqlPullBulk<C>;
  /**
   * Also the `limit` sent. Always set: without it RxDB asks for 20 but
   * takes a page under 100 to mean "no more changes".
   */
  batchSize: number;
}

/** Spread into `replicateGraphQL({ push })`. */
export interface GraphqlPushOptions<C extends CollectionName> {
  queryBuilder: GraphqlQueryBuilders["pushQueryBuilder"];
  dataPath: string[];
  /** The conflicts, with absent optional fields dropped as on pull. */
  responseModifier: (response: unknown) => GraphqlDoc<C>[];
  batchSize: number;
}

export interface GraphqlReplicationOptions<C extends CollectionName> {
  pull: GraphqlPullOptions<C>;
  push: GraphqlPushOptions<C>;
}

export function graphqlReplicationOptions<C extends CollectionName>(
  collection: C,
  settings: GraphqlReplicationSettings = {},
): GraphqlReplicationOptions<C> {
  const {
    pullBatchSize = DEFAULT_GRAPHQL_PULL_BATCH_SIZE,
    pushBatchSize = DEFAULT_GRAPHQL_PUSH_BATCH_SIZE,
  } = settings;
  assertBatchSize("pullBatchSize", pullBatchSize, MAX_PULL_LIMIT);
  assertBatchSize("pushBatchSize", pushBatchSize, MAX_PUSH_ROWS);
  const builders = graphqlQueryBuilders(collection);
  const op = operationNames(collection);
  return {
    pull: {
      queryBuilder: builders.pullQueryBuilder,
      streamQueryBuilder: builders.pullStreamQueryBuilder,
      dataPath: ["data", op.pull],
      responseModifier: (response) => pullBulk(collection, response),
      batchSize: pullBatchSize,
    },
    push: {
      queryBuilder: builders.pushQueryBuilder,
      dataPath: ["data", op.push],
      responseModifier: (response) =>
        docList(collection, response, `${op.push} answer`),
      batchSize: pushBatchSize,
    },
  };
}

function assertBatchSize(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new OkadaError(
      "BAD_REQUEST",
      `${name} must be an integer from 1 to ${max}; got ${value}.`,
    );
  }
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function malformed(what: string): OkadaError {
  return new OkadaError(
    "INTERNAL",
    `The server's ${what} does not have the expected shape. Check that ` +
      "client and server use the same @okada/sync-rules version.",
  );
}

function pullBulk<C extends CollectionName>(
  collection: C,
  response: unknown,
): GraphqlPullBulk<C> {
  const what = `${operationNames(collection).pull} answer`;
  if (!isRecord(response)) throw malformed(what);
  const { documents, checkpoint } = response;
  if (!isRecord(checkpoint) || typeof checkpoint["seq"] !== "string") {
    throw malformed(what);
  }
  return {
    documents: docList(collection, documents, what),
    checkpoint: { seq: checkpoint["seq"] as Checkpoint },
  };
}

/**
 * The server validated these documents against the same schemas, so the
 * projection is typed as the collection's document type.
 */
function docList<C extends CollectionName>(
  collection: C,
  value: unknown,
  what: string,
): GraphqlDoc<C>[] {
  if (!Array.isArray(value)) throw malformed(what);
  return value.map((doc: unknown) => {
    if (!isRecord(doc)) throw malformed(what);
    return projectGraphqlDoc(collection, doc) as unknown as GraphqlDoc<C>;
  });
}
