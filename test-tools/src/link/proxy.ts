/**
 * A user-space TCP link emulator for tests and benchmarks: a proxy on
 * 127.0.0.1 that carries every connection to one target over an emulated
 * narrow link, counts what crosses it, and can fail it.
 *
 * State: one shared `Wire` per direction (all connections queue on it, as
 * on one phone's radio link), the current profile, a `blackholed` flag and
 * the open connections. Behaviour:
 * - shaping: a slice of N bytes holds its direction's wire for
 *   N * 8 / kbit/s ms, FIFO across connections, then arrives rttMs / 2
 *   later; a new connection waits one RTT (the TCP handshake) before its
 *   client is read. `setProfile` applies from the next slice on.
 * - `dropAll()`: every connection is reset on both sides at once.
 * - `blackhole(true)`: sockets stay open, nothing is read or delivered,
 *   new connections are accepted but not connected to the target.
 *   `blackhole(false)`: held bytes, FINs and resets are delivered in order
 *   and held connections are connected, as after a TCP retransmission.
 * See README.md in this folder for the model and its limits.
 */
import { createServer, type Server, type Socket } from "node:net";
import { LinkConnection, type ConnectionContext } from "./connection.ts";
import {
  resolveProfile,
  type LinkProfileInput,
  type ResolvedProfile,
} from "./profiles.ts";
import { Wire } from "./shaper.ts";
import { zeroCounters, type LinkStats } from "./stats.ts";

export interface LinkProxyOptions {
  /** Where every connection goes. `host` defaults to 127.0.0.1. */
  readonly target: { readonly host?: string; readonly port: number };
  /**
   * A profile, the name of one in `LINK_PROFILES`, or `null` (the default)
   * for an unshaped passthrough.
   */
  readonly profile?: LinkProfileInput;
  /** Port to listen on, on 127.0.0.1; default 0 (a free port). */
  readonly listenPort?: number;
  /** Largest slice the shaper sends at once; default 1,460 bytes. */
  readonly sliceBytes?: number;
}

export interface LinkProxy {
  /** The port the proxy listens on. */
  readonly port: number;
  /**
   * The proxy's address: `url()` → `http://127.0.0.1:PORT`,
   * `url("/v1/graphql")` adds a path, `url("ws")` (or `"ws:"`, `"wss"`,
   * `"https"`) changes the scheme, `url("ws", "/graphql")` does both.
   */
  url(pathOrProto?: string, path?: string): string;
  /** A snapshot of the counters since start or the last `resetStats()`. */
  stats(): LinkStats;
  resetStats(): void;
  /** Changes shaping live; `null` for passthrough. */
  setProfile(profile: LinkProfileInput): void;
  /** Resets every open connection on both sides (clients see ECONNRESET). */
  dropAll(): void;
  /** `true`: the link goes silent without errors; `false`: it comes back. */
  blackhole(on: boolean): void;
  /** Resets every connection and stops listening. */
  close(): Promise<void>;
}

const HOST = "127.0.0.1";

/**
 * Starts a link proxy in front of `target`.
 *
 * @example
 * const link = await startLinkProxy({
 *   target: { port: server.port },
 *   profile: "regular2g",
 * });
 * await fetch(link.url("/health"));
 * link.stats(); // { bytesUp, bytesDown, httpRequests: 1, ... }
 */
export async function startLinkProxy(
  options: LinkProxyOptions,
): Promise<LinkProxy> {
  const up = new Wire(wireOptions(options));
  const down = new Wire(wireOptions(options));
  let profile = resolveProfile(options.profile ?? null);
  let counters = zeroCounters();
  let blackholed = false;
  const connections = new Set<LinkConnection>();

  const applyProfile = (next: ResolvedProfile): void => {
    profile = next;
    up.configure(next.upKbps, next.rttMs / 2);
    down.configure(next.downKbps, next.rttMs / 2);
  };
  applyProfile(profile);

  const context: ConnectionContext = {
    target: { host: options.target.host ?? HOST, port: options.target.port },
    up,
    down,
    counters: () => counters,
    isBlackholed: () => blackholed,
    onClosed: (connection) => connections.delete(connection),
  };
  const server = createServer(
    { allowHalfOpen: true, pauseOnConnect: true },
    (client: Socket) => {
      counters.connections += 1;
      connections.add(new LinkConnection(client, profile.rttMs, context));
    },
  );
  const port = await listen(server, options.listenPort ?? 0);

  const dropAll = (): void => {
    for (const connection of [...connections]) connection.drop();
  };

  return {
    port,
    url: (pathOrProto, path) => proxyUrl(port, pathOrProto, path),
    stats: () => ({
      ...counters,
      openConnections: connections.size,
      roundTrips: counters.httpRequests + counters.wsMessagesUp,
    }),
    resetStats: () => {
      counters = zeroCounters();
    },
    setProfile: (next) => applyProfile(resolveProfile(next)),
    dropAll,
    blackhole: (on) => {
      if (on === blackholed) return;
      blackholed = on;
      up.setDown(on);
      down.setDown(on);
      for (const connection of [...connections]) connection.linkChanged();
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      dropAll();
      up.close();
      down.close();
      await closed;
    },
  };
}

function wireOptions(options: LinkProxyOptions): { sliceBytes?: number } {
  return options.sliceBytes === undefined
    ? {}
    : { sliceBytes: options.sliceBytes };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      server.off("error", reject);
      const address = server.address();
      if (address === null || typeof address === "string") {
        reject(new Error("link proxy: listening socket has no TCP port"));
      } else {
        resolve(address.port);
      }
    });
  });
}

function proxyUrl(port: number, pathOrProto = "", path = ""): string {
  const scheme = /^(https?|wss?):?$/.exec(pathOrProto)?.[1];
  const fullPath = scheme === undefined ? pathOrProto + path : path;
  const slash = fullPath === "" || fullPath.startsWith("/") ? "" : "/";
  return `${scheme ?? "http"}://${HOST}:${port}${slash}${fullPath}`;
}
