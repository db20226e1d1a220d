export * from "./database.ts";
export * from "./graphql-replication.ts";
export {
  createOkadaClient,
  type OkadaClient,
  type OkadaSync,
} from "./client.ts";
export type { OkadaClientOptions } from "./options.ts";
export type {
  MergedConflict,
  RejectedWrite,
  SyncErrorInfo,
  SyncPhase,
  SyncStatus,
} from "./status.ts";
export type { BackoffOptions } from "./backoff.ts";
export { systemClock, type Clock } from "./clock.ts";
export type { NetworkEvents } from "./link.ts";
export { silentLogger, type Logger } from "./logger.ts";
export {
  SyncError,
  SyncStoppedError,
  isSyncError,
  type ClientErrorCode,
  type SyncErrorCode,
} from "./errors.ts";
export { browserStorage } from "./browser-storage.ts";
export { okadaRxConflictHandler } from "./conflict-handler.ts";
export {
  graphqlQueryBuilders,
  graphqlReplicationOptions,
} from "@okada/sync-rules";
