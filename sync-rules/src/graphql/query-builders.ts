/**
 * Query builders in the form RxDB's `replicateGraphQL` calls them
 * (`pull.queryBuilder`, `pull.streamQueryBuilder`, `push.queryBuilder`).
 * They return plain `{ query, operationName, variables }` objects, so any
 * GraphQL client can send them too.
 */
import type { CollectionName } from "../collections.ts";
import type { SyncCheckpoint } from "../protocol.ts";
import { projectGraphqlDoc, selectionSet } from "./documents.ts";
import {
  GRAPHQL_CHECKPOINT_INPUT,
  GRAPHQL_HEADERS_INPUT,
  graphqlTypeNames,
  operationNames,
  operationTitle,
} from "./names.ts";
import { docShape } from "./shape.ts";

/** One GraphQL request body. */
export interface GraphqlRequest {
  query: string;
  operationName: string;
  variables: Record<string, unknown>;
}

/**
 * A write as RxDB hands it to `push.queryBuilder`. Documents may still
 * carry RxDB's own fields; the builder drops them.
 */
export interface GraphqlPushRowInput {
  assumedMasterState?: object | null | undefined;
  newDocumentState: object;
}

export interface GraphqlQueryBuilders {
  /** Variables `checkpoint` (null on the first pull) and `limit`. */
  pullQueryBuilder: (
    checkpoint: SyncCheckpoint | null | undefined,
    limit: number,
  ) => GraphqlRequest;
  /** Variable `rows`, each reduced to the schema's fields. */
  pushQueryBuilder: (rows: readonly GraphqlPushRowInput[]) => GraphqlRequest;
  /** Variable `headers`: only `Authorization` is passed on. */
  pullStreamQueryBuilder: (
    headers: Readonly<Record<string, string>> | null | undefined,
  ) => GraphqlRequest;
}

/**
 * The three builders of one collection.
 *
 * @example
 * const { pullQueryBuilder } = graphqlQueryBuilders("products");
 * pullQueryBuilder(undefined, 200).operationName; // "PullProducts"
 */
export function graphqlQueryBuilders(
  collection: CollectionName,
): GraphqlQueryBuilders {
  const op = operationNames(collection);
  const types = graphqlTypeNames(collection);
  const docFields = selectionSet(docShape(collection));
  const bulkFields = `{documents${docFields} checkpoint{seq}}`;
  const pull = request(
    "query",
    op.pull,
    `$checkpoint: ${GRAPHQL_CHECKPOINT_INPUT}, $limit: Int!`,
    "checkpoint: $checkpoint, limit: $limit",
    bulkFields,
  );
  const push = request(
    "mutation",
    op.push,
    `$rows: [${types.pushRow}!]!`,
    "rows: $rows",
    docFields,
  );
  const stream = request(
    "subscription",
    op.stream,
    `$headers: ${GRAPHQL_HEADERS_INPUT}`,
    "headers: $headers",
    bulkFields,
  );

  return {
    pullQueryBuilder: (checkpoint, limit) =>
      pull({
        checkpoint: checkpoint ? { seq: checkpoint.seq } : null,
        limit,
      }),
    pushQueryBuilder: (rows) =>
      push({ rows: rows.map((row) => pushRow(collection, row)) }),
    pullStreamQueryBuilder: (headers) =>
      stream({ headers: syncHeaders(headers) }),
  };
}

/** `query PullProducts($limit: Int!){pullProducts(limit: $limit){id}}` */
function request(
  operation: "query" | "mutation" | "subscription",
  field: string,
  params: string,
  args: string,
  selection: string,
): (variables: Record<string, unknown>) => GraphqlRequest {
  const operationName = operationTitle(field);
  const query =
    `${operation} ${operationName}(${params})` +
    `{${field}(${args})${selection}}`;
  return (variables) => ({ query, operationName, variables });
}

function pushRow(
  collection: CollectionName,
  row: GraphqlPushRowInput,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // A new document has no master state; leaving the key out saves bytes.
  if (row.assumedMasterState) {
    out["assumedMasterState"] = projectGraphqlDoc(
      collection,
      row.assumedMasterState,
    );
  }
  out["newDocumentState"] = projectGraphqlDoc(collection, row.newDocumentState);
  return out;
}

/**
 * RxDB passes every header the replication was given; the schema only
 * takes `Authorization`, matched case-insensitively as HTTP does.
 */
function syncHeaders(
  headers: Readonly<Record<string, string>> | null | undefined,
): { Authorization: string } | null {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === "authorization") {
      return { Authorization: value };
    }
  }
  return null;
}
