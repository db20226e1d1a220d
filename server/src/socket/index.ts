export {
  attachSocketSync,
  type SocketSync,
  type SocketSyncDeps,
  type SyncIoServer,
} from "./attach.ts";
export { SOCKET_SYNC_DEFAULTS, type SocketSyncOptions } from "./options.ts";
