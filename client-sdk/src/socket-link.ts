/**
 * The socket.io connector: each link is a fresh socket.io connection to
 * the `/sync` namespace with the token in the handshake. socket.io's own
 * reconnection is off; the connection loop decides when to try again.
 * WebSocket is tried first (one handshake less on 2G); with
 * `tryAllTransports` a network that breaks WebSockets falls back to
 * long-polling. Per-message compression is negotiated by the WebSocket.
 *
 * `auth` is a function so that it is read as the handshake leaves, after
 * the transport opened: whatever the client wants to pull by then rides
 * in the handshake and comes back as the `pulled` event, one round trip
 * sooner than a `pull` sent after `connect`.
 */
import { io, type Socket } from "socket.io-client";
import {
  SOCKET_EVENTS,
  SOCKET_NAMESPACE,
  SOCKET_PROTOCOL_VERSION,
  type HandshakeAuth,
} from "@okada/sync-rules";
import { SyncError } from "./errors.ts";
import type { Connector, Link, LinkHandlers, RequestName } from "./link.ts";

export interface SocketConnectorOptions {
  /** Server base URL, e.g. `https://okada.example`. */
  readonly url: string;
  /** Give up on a handshake after this long, in ms. */
  readonly connectTimeoutMs: number;
  /** socket.io transports in the order tried. */
  readonly transports: readonly ("websocket" | "polling")[];
}

const AUTH_CODES = new Set(["UNAUTHENTICATED", "TOKEN_EXPIRED"]);

/** An empty pull: the cheapest request that the server acknowledges. */
const PROBE = { v: SOCKET_PROTOCOL_VERSION, checkpoints: {}, limit: 1 };

export function socketConnector(options: SocketConnectorOptions): Connector {
  return {
    open: (token, handlers) => new SocketLink(options, token, handlers),
  };
}

class SocketLink implements Link {
  readonly #socket: Socket;
  readonly #pending = new Set<(error: SyncError) => void>();
  #open = true;

  constructor(
    options: SocketConnectorOptions,
    token: string,
    handlers: LinkHandlers,
  ) {
    const url = new URL(SOCKET_NAMESPACE, options.url).toString();
    this.#socket = io(url, {
      auth: (send) => {
        const pull = handlers.handshakePull();
        const auth: HandshakeAuth = pull ? { token, pull } : { token };
        send(auth);
      },
      forceNew: true,
      reconnection: false,
      timeout: options.connectTimeoutMs,
      transports: [...options.transports],
      tryAllTransports: true,
    });
    this.#listen(handlers);
  }

  #listen(handlers: LinkHandlers): void {
    const socket = this.#socket;
    socket.on("connect", () => handlers.connected());
    socket.on("connect_error", (error: Error & { data?: unknown }) => {
      const data = error.data as { code?: unknown; message?: unknown } | null;
      const code = typeof data?.code === "string" ? data.code : null;
      const message =
        typeof data?.message === "string" ? data.message : error.message;
      this.#shut("LINK_LOST", message);
      handlers.connectFailed(
        { code: code ?? "CONNECT_FAILED", message },
        code !== null && AUTH_CODES.has(code),
      );
    });
    socket.on("disconnect", (reason) => {
      if (reason === "io client disconnect") return;
      // "io server disconnect" too: the server ends sessions when their
      // token expires but also when it shuts down. The next handshake
      // tells which (TOKEN_EXPIRED), so no token is fetched in vain.
      const message = `The connection dropped (${reason}).`;
      this.#shut("LINK_LOST", message);
      handlers.disconnected({ code: "LINK_LOST", message });
    });
    socket.on(SOCKET_EVENTS.changes, (payload: unknown) =>
      handlers.changes(payload),
    );
    socket.on(SOCKET_EVENTS.pulled, (payload: unknown) =>
      handlers.pulled(payload),
    );
    socket.io.on("ping", () => handlers.traffic());
    socket.io.on("packet", () => handlers.traffic());
  }

  request(
    name: RequestName,
    payload: unknown,
    timeoutMs: number,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (!this.#open || !this.#socket.connected) {
        reject(new SyncError("LINK_LOST", "The link is not connected."));
        return;
      }
      const settle = (error: SyncError): void => {
        this.#pending.delete(settle);
        reject(error);
      };
      this.#pending.add(settle);
      this.#socket
        .timeout(timeoutMs)
        .emit(name, payload, (error: Error | null, reply: unknown) => {
          if (!this.#pending.delete(settle)) return;
          if (error) {
            const message = `No answer to ${name} within ${timeoutMs} ms.`;
            reject(new SyncError("REQUEST_TIMEOUT", message));
          } else resolve(reply);
        });
    });
  }

  probe(): void {
    if (this.#open && this.#socket.connected) {
      this.#socket.emit("pull", PROBE, () => undefined);
    }
  }

  close(): void {
    this.#shut("LINK_LOST", "The link was closed.");
    this.#socket.removeAllListeners();
    this.#socket.io.removeAllListeners();
    this.#socket.disconnect();
  }

  #shut(code: "LINK_LOST", message: string): void {
    this.#open = false;
    const error = new SyncError(code, message);
    for (const settle of [...this.#pending]) settle(error);
  }
}
