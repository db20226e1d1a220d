/**
 * The GraphQL transport's contract: the schema the server serves and the
 * query builders clients send, both generated from the collection schemas.
 */
export { graphqlSdl } from "./sdl.ts";
export {
  GRAPHQL_CHECKPOINT_INPUT,
  GRAPHQL_CHECKPOINT_TYPE,
  GRAPHQL_HEADERS_INPUT,
  graphqlTypeNames,
  operationNames,
} from "./names.ts";
export type { GraphqlOperationNames, GraphqlTypeNames } from "./names.ts";
export { projectGraphqlDoc } from "./documents.ts";
export type { GraphqlDoc, GraphqlDocTypes } from "./documents.ts";
export { graphqlQueryBuilders } from "./query-builders.ts";
export type {
  GraphqlPushRowInput,
  GraphqlQueryBuilders,
  GraphqlRequest,
} from "./query-builders.ts";
export {
  DEFAULT_GRAPHQL_PULL_BATCH_SIZE,
  DEFAULT_GRAPHQL_PUSH_BATCH_SIZE,
  graphqlReplicationOptions,
} from "./replication-options.ts";
export type {
  GraphqlPullBulk,
  GraphqlPullOptions,
  GraphqlPushOptions,
  GraphqlReplicationOptions,
  GraphqlReplicationSettings,
} from "./replication-options.ts";
