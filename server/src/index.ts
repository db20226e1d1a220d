export * from "./config.ts";
export * from "./server.ts";
export { createLogger } from "./logger.ts";
export type { SyncUser, Role } from "./sync/user.ts";
export type { SocketSyncOptions } from "./socket/index.ts";
