/**
 * The socket.io transport of the sync protocol (`@okada/sync-rules`,
 * `socket/messages.ts`), attached to the server's HTTP server next to
 * Express and GraphQL over WebSocket.
 */
import type { IncomingMessage, Server as HttpServer } from "node:http";
import type { Logger } from "pino";
import { Server } from "socket.io";
import { OkadaError, SOCKET_NAMESPACE } from "@okada/sync-rules";
import type { TokenService } from "../auth/tokens.ts";
import { toOkadaError } from "../http/errors.ts";
import type { SyncCore } from "../sync/core.ts";
import {
  serveSocket,
  type ClientEvents,
  type ServerEvents,
  type SyncSocket,
} from "./connection.ts";
import {
  ioOptions,
  resolveOptions,
  type SocketSyncOptions,
} from "./options.ts";
import { handshakeError, openSession, type Session } from "./session.ts";

export type SyncIoServer = Server<
  ClientEvents,
  ServerEvents,
  Record<string, never>,
  Session
>;

export interface SocketSyncDeps {
  http: HttpServer;
  core: SyncCore;
  tokens: TokenService;
  logger: Logger;
  options?: SocketSyncOptions;
}

export interface SocketSync {
  io: SyncIoServer;
  /**
   * True for requests on socket.io's path. The server's own `upgrade`
   * handler must leave these alone: socket.io takes them.
   */
  owns(req: IncomingMessage): boolean;
  /** Disconnects every client; the HTTP server stays open. */
  close(): Promise<void>;
}

/**
 * Serves namespace `/sync` on `http`.
 *
 * @example
 * const sockets = attachSocketSync({ http, core, tokens, logger });
 * http.on("upgrade", (req, socket, head) => {
 *   if (sockets.owns(req)) return;
 *   // ...other WebSocket endpoints
 * });
 */
export function attachSocketSync(deps: SocketSyncDeps): SocketSync {
  const options = resolveOptions(deps.options);
  const logger = deps.logger.child({ transport: "socket.io" });
  const io: SyncIoServer = new Server(deps.http, ioOptions(options));

  // Everything is on /sync; the default namespace would only hold
  // connections open for nothing.
  io.use((_socket, next) => {
    next(
      handshakeError(
        new OkadaError("NOT_FOUND", `Connect to ${SOCKET_NAMESPACE}.`),
      ),
    );
  });

  const sync = io.of(SOCKET_NAMESPACE);
  sync.use((socket: SyncSocket, next) => {
    openSession(deps.tokens, socket.handshake.auth).then(
      (session) => {
        socket.data = session;
        next();
      },
      (error: unknown) => {
        const coded = toOkadaError(error);
        if (coded.code === "INTERNAL") {
          logger.error({ err: error }, "socket handshake failed");
        } else {
          logger.info({ code: coded.code }, "socket handshake refused");
        }
        next(handshakeError(coded));
      },
    );
  });
  sync.on("connection", (socket) => {
    serveSocket(socket, {
      core: deps.core,
      tokens: deps.tokens,
      options,
      logger,
    });
  });

  const prefix = `${options.path.replace(/\/$/, "")}/`;
  return {
    io,
    owns: (req) => (req.url ?? "").startsWith(prefix),
    close: () => {
      sync.disconnectSockets(true);
      io.engine.close();
      return Promise.resolve();
    },
  };
}
