/**
 * One client connection carried over the emulated link.
 *
 *   handshake ──(one RTT passed, link not blackholed)──▶ connecting
 *   connecting ──(target accepted)──▶ open ──(both sockets closed)──▶ closed
 *   handshake | connecting ──(client gone, target refused)──▶ closed
 *   any state ──(drop)──▶ closed
 *
 * Invariants:
 * - Bytes reach the far side in the order they were read, each direction
 *   through its own lane of the shared wire; the end of a stream (FIN) or
 *   a reset (RST) follows the last byte sent before it.
 * - While the link is blackholed neither socket is read and nothing is
 *   delivered, FINs and RSTs included, so each side sees silence and then,
 *   once the link is back, everything held (as TCP retransmission would).
 * - A socket is read only while its lane holds less than `HIGH_WATER` bytes
 *   and the far socket is not asking for a drain, so a fast writer fills
 *   its own socket buffer rather than the proxy's memory.
 */
import { connect, type Socket } from "node:net";
import type { Lane, Wire } from "./shaper.ts";
import type { LinkCounters } from "./stats.ts";
import { TrafficCounter } from "./traffic-counter.ts";

/** Bytes a lane may hold before the proxy stops reading its writer. */
export const HIGH_WATER = 64 * 1024;

export interface ConnectionContext {
  readonly target: { readonly host: string; readonly port: number };
  readonly up: Wire;
  readonly down: Wire;
  readonly counters: () => LinkCounters;
  readonly isBlackholed: () => boolean;
  readonly onClosed: (connection: LinkConnection) => void;
}

type State = "handshake" | "connecting" | "open" | "closed";

export class LinkConnection {
  readonly #ctx: ConnectionContext;
  readonly #client: Socket;
  readonly #traffic: TrafficCounter;
  readonly #up: Lane;
  readonly #down: Lane;
  #server: Socket | undefined;
  #state: State = "handshake";
  #handshakeTimer: NodeJS.Timeout | undefined;
  #handshakeDone = false;
  #clientClosed = false;
  #serverClosed = false;

  /** `client` must arrive paused (`pauseOnConnect`). */
  constructor(client: Socket, handshakeMs: number, ctx: ConnectionContext) {
    this.#ctx = ctx;
    this.#client = client;
    this.#traffic = new TrafficCounter(ctx.counters);
    this.#up = ctx.up.lane({
      deliver: (chunk) => this.#deliver(this.#server, chunk),
      finish: (reset) => {
        if (reset) this.drop();
        else this.#server?.end();
      },
    });
    this.#down = ctx.down.lane({
      deliver: (chunk) => this.#deliver(this.#client, chunk),
      finish: (reset) => {
        if (reset) this.drop();
        else this.#client.end();
      },
    });
    client.pause();
    client.setNoDelay(true);
    client.on("data", (data: Uint8Array) => {
      this.#traffic.up(data);
      this.#up.write(data);
      this.#updateFlow();
    });
    client.on("end", () => this.#up.end());
    client.on("drain", () => this.#updateFlow());
    client.on("error", () => this.#up.end(true));
    client.on("close", () => this.#onClientClose());
    this.#handshakeTimer = setTimeout(() => {
      this.#handshakeDone = true;
      this.#maybeConnect();
    }, handshakeMs);
  }

  /** The link went down or came back. */
  linkChanged(): void {
    this.#maybeConnect();
    this.#updateFlow();
  }

  /** Resets both sockets now, like a link lost under both ends. */
  drop(): void {
    if (this.#state === "closed") return;
    this.#close();
    resetSocket(this.#client);
    if (this.#server) resetSocket(this.#server);
  }

  #maybeConnect(): void {
    if (this.#state !== "handshake" || !this.#handshakeDone) return;
    if (this.#ctx.isBlackholed()) return;
    this.#state = "connecting";
    const { host, port } = this.#ctx.target;
    const server = connect({ host, port, allowHalfOpen: true });
    this.#server = server;
    server.pause();
    server.setNoDelay(true);
    server.on("connect", () => {
      if (this.#state !== "connecting") return;
      this.#state = "open";
      this.#updateFlow();
    });
    server.on("data", (data: Uint8Array) => {
      this.#traffic.down(data);
      this.#down.write(data);
      this.#updateFlow();
    });
    server.on("end", () => this.#down.end());
    server.on("drain", () => this.#updateFlow());
    // Refused, or reset by the target: the client gets an RST in turn.
    server.on("error", () => this.#down.end(true));
    server.on("close", () => this.#onServerClose());
  }

  #deliver(socket: Socket | undefined, chunk: Uint8Array): void {
    if (socket === undefined || socket.destroyed || !socket.writable) return;
    socket.write(chunk);
    this.#updateFlow();
  }

  #updateFlow(): void {
    const server = this.#server;
    if (this.#state !== "open" || server === undefined) return;
    const linkUp = !this.#ctx.isBlackholed();
    setReading(
      this.#client,
      linkUp && this.#up.queuedBytes < HIGH_WATER && !server.writableNeedDrain,
    );
    setReading(
      server,
      linkUp &&
        this.#down.queuedBytes < HIGH_WATER &&
        !this.#client.writableNeedDrain,
    );
  }

  #onClientClose(): void {
    this.#clientClosed = true;
    this.#down.close();
    if (this.#state === "handshake" || this.#state === "connecting") {
      this.drop();
    } else if (this.#serverClosed) {
      this.#close();
    }
  }

  #onServerClose(): void {
    this.#serverClosed = true;
    this.#up.close();
    if (this.#clientClosed) this.#close();
  }

  #close(): void {
    if (this.#state === "closed") return;
    this.#state = "closed";
    clearTimeout(this.#handshakeTimer);
    this.#up.close();
    this.#down.close();
    this.#ctx.onClosed(this);
  }
}

function setReading(socket: Socket, reading: boolean): void {
  if (socket.destroyed) return;
  if (reading && socket.isPaused()) socket.resume();
  else if (!reading && !socket.isPaused()) socket.pause();
}

function resetSocket(socket: Socket): void {
  if (socket.destroyed) return;
  // An RST, so the peer sees ECONNRESET rather than an orderly close.
  if (socket.connecting) socket.destroy();
  else socket.resetAndDestroy();
}
