/**
 * Live changes for one socket, with a bound on what may wait for a slow
 * link.
 *
 * socket.io hands each message to engine.io, which holds it in a write
 * buffer until the transport can take it: on a WebSocket, until the
 * previous batch reached the kernel; on long polling, until the next
 * poll. A phone on a stalled 2G link therefore grows that buffer with
 * every change, without limit. The meter below counts the live bytes in
 * it; past the bound the connection is closed without flushing, the
 * client reconnects (socket.io does that by itself after a transport
 * close) and pulls from its checkpoints, which brings only the latest
 * state of each document instead of every intermediate one.
 */
import type { Logger } from "pino";
import {
  COLLECTION_NAMES,
  SOCKET_EVENTS,
  type ChangesEvent,
} from "@okada/sync-rules";
import type { SyncCore } from "../sync/core.ts";
import type { SyncUser } from "../sync/user.ts";

interface Packet {
  data?: unknown;
}

/** The part of an engine.io connection the meter listens to. */
export interface EngineConnection {
  on(event: "packetCreate", listener: (packet: Packet) => void): unknown;
  on(event: "flush", listener: (packets: readonly Packet[]) => void): unknown;
}

function sizeOf(data: unknown): number {
  if (typeof data === "string") return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    return data.byteLength;
  }
  return 0;
}

/**
 * Counts the bytes of live messages queued in engine.io and not yet given
 * to the transport. Replies to requests are not counted.
 */
export class LiveMeter {
  #queued = 0;
  #counting = false;
  readonly #sizes = new WeakMap<Packet, number>();

  constructor(connection: EngineConnection) {
    connection.on("packetCreate", (packet) => {
      if (!this.#counting) return;
      const size = sizeOf(packet.data);
      this.#sizes.set(packet, size);
      this.#queued += size;
    });
    connection.on("flush", (packets) => {
      for (const packet of packets) {
        const size = this.#sizes.get(packet);
        if (size === undefined) continue;
        this.#sizes.delete(packet);
        this.#queued -= size;
      }
    });
  }

  /** Live bytes waiting for the transport. */
  get queued(): number {
    return this.#queued;
  }

  /** Runs `send` (which queues synchronously) counting what it queues. */
  count(send: () => void): void {
    this.#counting = true;
    try {
      send();
    } finally {
      this.#counting = false;
    }
  }
}

export interface LiveOptions {
  core: Pick<SyncCore, "subscribe">;
  user: SyncUser;
  meter: LiveMeter;
  maxQueuedBytes: number;
  emit: (event: ChangesEvent) => void;
  /** Called once when the queue is over the bound; must end the socket. */
  overflow: () => void;
  log: Logger;
}

/**
 * Subscribes to every collection (the core keeps only what the user may
 * read) and returns the unsubscribe function.
 */
export function startLive(options: LiveOptions): () => void {
  const { core, user, meter, maxQueuedBytes, log } = options;
  let overflowed = false;
  const unsubscribes = COLLECTION_NAMES.map((collection) =>
    core.subscribe(user, collection, ({ documents, checkpoint }) => {
      if (overflowed) return;
      if (meter.queued > maxQueuedBytes) {
        overflowed = true;
        log.warn(
          { queuedBytes: meter.queued, maxQueuedBytes },
          "live queue over its bound; closing so the client pulls",
        );
        options.overflow();
        return;
      }
      meter.count(() => options.emit({ collection, documents, checkpoint }));
      log.debug(
        { event: SOCKET_EVENTS.changes, collection, docs: documents.length },
        "live changes",
      );
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
