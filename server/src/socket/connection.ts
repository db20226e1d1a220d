/**
 * One connected socket on `/sync`, from the accepted handshake to the
 * disconnect:
 *
 *   connected ──pull/push──▶ verify token ──ok──▶ core ──▶ ack
 *       │                         └─expired──▶ ack error ──▶ disconnect
 *       ├─ core change ──▶ `changes` (or, queue over its bound, close)
 *       ├─ token expiry time ──▶ disconnect
 *       └─ disconnect ──▶ unsubscribe, clear the expiry timer
 *
 * Invariants (tests in README.md): a request with an ack gets exactly
 * one reply; a push is acknowledged only once the store holds it; one
 * socket's pushes run in the order they came; a session ends when its
 * token expires; live messages waiting for a slow link are bounded.
 */
import type { Logger } from "pino";
import type { Socket } from "socket.io";
import {
  OkadaError,
  SOCKET_EVENTS,
  type ChangesEvent,
  type PulledEvent,
  type PullReply,
} from "@okada/sync-rules";
import type { TokenService } from "../auth/tokens.ts";
import type { SyncCore } from "../sync/core.ts";
import { answer, errorReply, takeRequest } from "./ack.ts";
import { LiveMeter, startLive } from "./live.ts";
import type { ResolvedSocketSyncOptions } from "./options.ts";
import { handlePull, handlePush, type Handled } from "./requests.ts";
import { checkSession, isAuthError, type Session } from "./session.ts";

/** Events a client sends; their arguments are checked at run time. */
export type ClientEvents = {
  pull: (...args: unknown[]) => void;
  push: (...args: unknown[]) => void;
};

export type ServerEvents = {
  changes: (event: ChangesEvent) => void;
  pulled: (event: PulledEvent) => void;
};

export type SyncSocket = Socket<
  ClientEvents,
  ServerEvents,
  Record<string, never>,
  Session
>;

export interface ConnectionDeps {
  core: SyncCore;
  tokens: TokenService;
  options: ResolvedSocketSyncOptions;
  logger: Logger;
}

/** setTimeout's longest delay; longer expiries are waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function expireAt(at: number, onExpiry: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    const wait = at - Date.now();
    if (wait <= 0) {
      onExpiry();
      return;
    }
    timer = setTimeout(arm, Math.min(wait, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}

export function serveSocket(socket: SyncSocket, deps: ConnectionDeps): void {
  const { core, tokens, options } = deps;
  const session = socket.data;
  const log = deps.logger.child({ user: session.user.id, sid: socket.id });
  const opened = Date.now();
  log.info({ via: socket.conn.transport.name }, "socket connected");

  const respond = async <Reply>(
    event: string,
    args: readonly unknown[],
    work: (payload: unknown) => Promise<Handled<Reply>>,
  ): Promise<void> => {
    const { payload, ack } = takeRequest<Reply>(args);
    if (ack === undefined) {
      log.info({ event }, "request without acknowledgement ignored");
      return;
    }
    const failure = await answer(ack, log.child({ event }), async () => {
      await checkSession(tokens, session);
      return work(payload);
    });
    if (failure && isAuthError(failure)) {
      // The reply goes out before the disconnect packet; the client
      // gets a fresh token from getToken and connects again.
      socket.disconnect(true);
    }
  };

  socket.on(SOCKET_EVENTS.pull, (...args) => {
    void respond(SOCKET_EVENTS.pull, args, (payload) =>
      handlePull(core, session.user, payload),
    );
  });

  // One socket's pushes run one after another, so a client that sends
  // two writes of a document without waiting sees them land in order.
  let pushes = Promise.resolve();
  socket.on(SOCKET_EVENTS.push, (...args) => {
    pushes = pushes.then(() =>
      respond(SOCKET_EVENTS.push, args, (payload) =>
        handlePush(core, session.user, payload),
      ),
    );
  });

  socket.onAny((event: string, ...args: unknown[]) => {
    if (event === SOCKET_EVENTS.pull || event === SOCKET_EVENTS.push) return;
    const { ack } = takeRequest(args);
    log.info({ event }, "unknown event");
    ack?.(
      errorReply(
        new OkadaError(
          "BAD_REQUEST",
          `The server has no event ${JSON.stringify(event)}; send ` +
            `"${SOCKET_EVENTS.pull}" or "${SOCKET_EVENTS.push}".`,
        ),
      ),
    );
  });

  const stopLive = startLive({
    core,
    user: session.user,
    meter: new LiveMeter(socket.conn),
    maxQueuedBytes: options.maxQueuedLiveBytes,
    emit: (event) => socket.emit(SOCKET_EVENTS.changes, event),
    // Closing the transport drops what is queued; socket.io clients
    // reconnect by themselves after a transport close, then pull.
    overflow: () => socket.conn.close(true),
    log,
  });

  // A pull that came with the handshake, read after the live
  // subscription so that no change falls between the two.
  if (hasHandshakePull(socket.handshake.auth)) {
    const { pull } = socket.handshake.auth;
    void answer<PullReply>(
      (reply) => socket.emit(SOCKET_EVENTS.pulled, reply),
      log.child({ event: "handshake pull" }),
      () => handlePull(core, session.user, pull),
    );
  }

  let stopExpiry = (): void => undefined;
  socket.on("disconnect", (reason) => {
    stopLive();
    stopExpiry();
    log.info(
      { reason, seconds: Math.round((Date.now() - opened) / 1000) },
      "socket disconnected",
    );
  });
  // Armed last: a token that expired already disconnects at once, and
  // the handler above must be in place to clean up.
  if (session.expiresAt !== undefined) {
    stopExpiry = expireAt(session.expiresAt, () => {
      log.info("token expired; disconnecting");
      socket.disconnect(true);
    });
  }
}

function hasHandshakePull(auth: unknown): auth is { pull: unknown } {
  return typeof auth === "object" && auth !== null && "pull" in auth;
}
