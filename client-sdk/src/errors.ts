/**
 * Errors of the SDK's own making. Each has a stable `code` that status
 * consumers compare; server errors keep the server's code (ErrorCode in
 * sync-rules), so `lastError.code` is one of either list.
 */
import type { ErrorCode } from "@okada/sync-rules";

export type ClientErrorCode =
  /** The socket could not connect (server down, no network). */
  | "CONNECT_FAILED"
  /** An open connection dropped. */
  | "LINK_LOST"
  /** Nothing arrived for twice the heartbeat interval: a dead link. */
  | "STALLED"
  /** A request got no acknowledgement in time. */
  | "REQUEST_TIMEOUT"
  /** The server sent something the protocol does not allow. */
  | "MALFORMED_REPLY"
  /** `getToken` threw or returned something other than a string. */
  | "TOKEN_UNAVAILABLE"
  /** Sync was closed while a request waited. */
  | "SYNC_STOPPED"
  /** A replication error reported by RxDB (local storage, validation). */
  | "REPLICATION"
  /** The options cannot work here (e.g. no IndexedDB and no storage). */
  | "CONFIGURATION";

export type SyncErrorCode = ErrorCode | ClientErrorCode;

/** An error of the sync layer, with the code it is reported under. */
export class SyncError extends Error {
  readonly code: SyncErrorCode;

  constructor(code: SyncErrorCode, message: string) {
    super(message);
    this.name = "SyncError";
    this.code = code;
  }
}

/**
 * Thrown to pending pull and push calls when sync is closed. (`stop()`
 * only pauses them until the next `start()`.) Unsent writes stay in the
 * outbox and go out when a client is opened on the same storage.
 */
export class SyncStoppedError extends SyncError {
  constructor() {
    super(
      "SYNC_STOPPED",
      "Sync was closed; open the client again to resume. Local writes are kept.",
    );
    this.name = "SyncStoppedError";
  }
}

export function isSyncError(value: unknown): value is SyncError {
  return value instanceof SyncError;
}
