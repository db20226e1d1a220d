/**
 * Tunables of the socket.io transport, each with the reason for its
 * default. The defaults are chosen for phones on 2G/EDGE links (see the
 * network table in ARCHITECTURE.md), not for a data centre.
 */
import type { ServerOptions } from "socket.io";
import { MAX_BODY_BYTES } from "../http/app.ts";

export interface SocketSyncOptions {
  /**
   * The HTTP path socket.io answers on, for polling and WebSocket alike.
   * @default "/socket.io"
   */
  path?: string;
  /**
   * How often the server pings each client, in ms. Mobile carriers drop
   * idle NAT mappings after 30 to 60 s, so a ping every 25 s also keeps
   * the path open. A ping costs a few bytes on a WebSocket; on long
   * polling it rides on the poll that is already waiting.
   * @default 25_000
   */
  pingIntervalMs?: number;
  /**
   * How long the server waits for the pong before dropping the client,
   * in ms. On a GPRS link (500 ms round trip, 20 kbit/s up) the pong can
   * queue behind an upload of a few kilobytes and a retransmission or
   * two, so this is generous. A client sees a dead server after
   * `pingIntervalMs + pingTimeoutMs` (45 s by default) without a ping.
   * @default 20_000
   */
  pingTimeoutMs?: number;
  /**
   * Live `changes` bytes a socket may have waiting for its link before
   * the server gives up on it, closes its connection and lets it
   * reconnect and pull: one pull returns only the latest state of each
   * document, where the queue would have replayed every version.
   * Without this bound a client on a stalled 2G link grows the server's
   * memory with every change. Replies to requests are not counted: the
   * client asked for them and their size is bounded by the request.
   * @default 1 MiB
   */
  maxQueuedLiveBytes?: number;
  /**
   * Compression of WebSocket messages at or above this many bytes, and of
   * polling responses at or above it. Smaller messages cost more CPU to
   * compress than they save on the link.
   * @default 1024
   */
  compressionThreshold?: number;
  /**
   * Compress at all. Only worth turning off to measure what compression
   * gains (`npm run bench -- --without deflate`).
   * @default true
   */
  compression?: boolean;
  /**
   * Origins allowed to connect from a browser on another origin. The PWA
   * is served by this server, so none by default.
   * @default undefined (same origin only)
   */
  corsOrigins?: string[];
}

export type ResolvedSocketSyncOptions = Required<
  Omit<SocketSyncOptions, "corsOrigins">
> &
  Pick<SocketSyncOptions, "corsOrigins">;

export const SOCKET_SYNC_DEFAULTS = {
  path: "/socket.io",
  pingIntervalMs: 25_000,
  pingTimeoutMs: 20_000,
  maxQueuedLiveBytes: 1024 * 1024,
  compressionThreshold: 1024,
  compression: true,
} as const satisfies Required<Omit<SocketSyncOptions, "corsOrigins">>;

export function resolveOptions(
  options: SocketSyncOptions = {},
): ResolvedSocketSyncOptions {
  return { ...SOCKET_SYNC_DEFAULTS, ...options };
}

/** The socket.io server options that follow from ours. */
export function ioOptions(
  options: ResolvedSocketSyncOptions,
): Partial<ServerOptions> {
  const io: Partial<ServerOptions> = {
    path: options.path,
    serveClient: false,
    // Long polling first works through proxies that break WebSockets;
    // clients upgrade when the WebSocket probe succeeds.
    transports: ["polling", "websocket"],
    pingInterval: options.pingIntervalMs,
    pingTimeout: options.pingTimeoutMs,
    // The same limit as an HTTP body: a full push batch fits.
    maxHttpBufferSize: MAX_BODY_BYTES,
    perMessageDeflate: options.compression && {
      threshold: options.compressionThreshold,
    },
    httpCompression: options.compression && {
      threshold: options.compressionThreshold,
    },
    // Upgrades on other paths (GraphQL over WebSocket) belong to the
    // server's own upgrade handler.
    destroyUpgrade: false,
  };
  if (options.corsOrigins) io.cors = { origin: options.corsOrigins };
  return io;
}
