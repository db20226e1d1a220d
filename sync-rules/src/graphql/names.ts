/**
 * Names in the GraphQL schema. They are part of the public contract: the
 * stock RxDB GraphQL replication and any hand-written client send them.
 */
import type { CollectionName } from "../collections.ts";
import { COLLECTIONS } from "../collections.ts";

/** Root fields of one collection, e.g. `pullProducts`. */
export interface GraphqlOperationNames {
  pull: string;
  push: string;
  stream: string;
}

/** Named types of one collection, e.g. `Product`, `ProductInput`. */
export interface GraphqlTypeNames {
  doc: string;
  input: string;
  pullBulk: string;
  pushRow: string;
}

/** Shared by every collection. */
export const GRAPHQL_CHECKPOINT_TYPE = "Checkpoint";
export const GRAPHQL_CHECKPOINT_INPUT = "CheckpointInput";
export const GRAPHQL_HEADERS_INPUT = "SyncHeadersInput";

/**
 * @example operationNames("products")
 * // { pull: "pullProducts", push: "pushProducts", stream: "streamProducts" }
 */
export function operationNames(
  collection: CollectionName,
): GraphqlOperationNames {
  const plural = COLLECTIONS[collection].graphqlPlural;
  return {
    pull: `pull${plural}`,
    push: `push${plural}`,
    stream: `stream${plural}`,
  };
}

/**
 * @example graphqlTypeNames("products").pullBulk // "ProductPullBulk"
 */
export function graphqlTypeNames(collection: CollectionName): GraphqlTypeNames {
  const doc = COLLECTIONS[collection].graphqlType;
  return {
    doc,
    input: `${doc}Input`,
    pullBulk: `${doc}PullBulk`,
    pushRow: `${doc}PushRow`,
  };
}

/** `pullProducts` -> `PullProducts`, the name of the operation. */
export function operationTitle(field: string): string {
  return field.charAt(0).toUpperCase() + field.slice(1);
}
