/**
 * The socket.io sync protocol, version 1, on namespace `/sync`.
 *
 * Handshake: `auth: { token, pull? }` ({@link HandshakeAuth}). A refused
 * handshake ends in a `connect_error` whose `data` is `{ code, message }`
 * (UNAUTHENTICATED or TOKEN_EXPIRED). An accepted handshake that carried
 * a `pull` is answered once by a `pulled` event with the pull's reply:
 * a reconnecting client gets its catch-up in the handshake's round trip
 * instead of one more (on 2G, a third of a second).
 *
 * Client to server, each with an acknowledgement:
 * - `pull` {@link PullRequest}: one round trip for every collection; the
 *   reply holds, per collection, the changes after its checkpoint and
 *   whether more are waiting.
 * - `push` {@link PushRequest}: rows of any collections; the reply holds
 *   per collection the states to adopt and the refused rows.
 * Every acknowledgement is `{ ok: true, ... }` or {@link ErrorReply}.
 *
 * Server to client:
 * - `pulled` {@link PulledEvent}: the reply to the handshake's `pull`,
 *   first thing after the connection is accepted.
 * - `changes` {@link ChangesEvent}: live documents the user may see. A
 *   client that was disconnected cannot know what it missed, so after
 *   every (re)connection it pulls from its stored checkpoints first.
 *
 * Ordering: replies and events on one connection arrive in the order the
 * server sent them; a `changes` event may overtake a pull reply, which is
 * harmless because documents carry whole states and checkpoints only
 * move forward per collection.
 */
import type { CollectionName } from "../collections.ts";
import type { ErrorCode } from "../errors.ts";
import type {
  PullResult,
  PushResult,
  PushRow,
  SyncCheckpoint,
  WireDoc,
} from "../protocol.ts";

export const SOCKET_NAMESPACE = "/sync";
export const SOCKET_PROTOCOL_VERSION = 1;

export const SOCKET_EVENTS = {
  pull: "pull",
  push: "push",
  changes: "changes",
  pulled: "pulled",
} as const;

/** What a client sends as socket.io's handshake `auth`. */
export interface HandshakeAuth {
  token: string;
  /** A pull answered by the `pulled` event once connected. */
  pull?: PullRequest;
}

export type Checkpoints = Partial<
  Record<CollectionName, SyncCheckpoint | null>
>;

export interface PullRequest {
  v: 1;
  /** The collections to pull, each from its checkpoint (null: start). */
  checkpoints: Checkpoints;
  /** Most documents per collection in this reply. */
  limit: number;
}

export interface CollectionPull extends PullResult {
  /** True when the collection has more changes than `limit`. */
  more: boolean;
}

export interface PullReply {
  ok: true;
  collections: Partial<Record<CollectionName, CollectionPull>>;
}

export interface PushRequest {
  v: 1;
  rows: Partial<Record<CollectionName, PushRow[]>>;
}

export interface PushReply {
  ok: true;
  results: Partial<Record<CollectionName, PushResult>>;
}

export interface ErrorReply {
  ok: false;
  error: { code: ErrorCode; message: string };
}

export interface ChangesEvent {
  collection: CollectionName;
  documents: WireDoc[];
  checkpoint: SyncCheckpoint;
}

/** The reply to a handshake's pull: as the `pull` request's. */
export type PulledEvent = PullReply | ErrorReply;
