export * from "./database.ts";
export * from "./graphql-replication.ts";
export {
  graphqlQueryBuilders,
  graphqlReplicationOptions,
} from "@okada/sync-rules";
