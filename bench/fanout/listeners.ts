/**
 * Live clients for the fan-out: plain socket.io connections to `/sync`
 * with a token each, as the SDK opens them, that only listen. Each
 * notes when it first saw every order status.
 */
import { io, type Socket } from "socket.io-client";
import { SOCKET_NAMESPACE, type ChangesEvent } from "@okada/sync-rules";
import { BenchError } from "../harness/errors.ts";

export interface Listener {
  readonly socket: Socket;
  /** `orderId|status` → when this client first had it (performance.now). */
  readonly seen: Map<string, number>;
  disconnects: number;
}

export const seenKey = (orderId: string, status: string) =>
  `${orderId}|${status}`;

/** One socket.io connection; resolves once the handshake is accepted. */
export function connectSocket(url: string, token: string): Promise<Socket> {
  const socket = io(new URL(SOCKET_NAMESPACE, url).toString(), {
    auth: { token },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    timeout: 30_000,
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(new BenchError("SETUP", `connect failed: ${error.message}`));
    });
  });
}

function listen(socket: Socket): Listener {
  const listener: Listener = { socket, seen: new Map(), disconnects: 0 };
  socket.on("changes", (event: ChangesEvent) => {
    if (event.collection !== "orders") return;
    const now = performance.now();
    for (const doc of event.documents) {
      const key = seenKey(doc.id, String(doc["status"]));
      if (!listener.seen.has(key)) listener.seen.set(key, now);
    }
  });
  socket.on("disconnect", () => {
    listener.disconnects += 1;
  });
  return listener;
}

/** Connects every token, `batch` handshakes at a time. */
export async function connectListeners(
  url: string,
  tokens: readonly string[],
  batch = 50,
): Promise<Listener[]> {
  const listeners: Listener[] = [];
  for (let start = 0; start < tokens.length; start += batch) {
    const sockets = await Promise.all(
      tokens.slice(start, start + batch).map((t) => connectSocket(url, t)),
    );
    listeners.push(...sockets.map(listen));
  }
  return listeners;
}

export function closeListeners(listeners: readonly Listener[]): void {
  for (const listener of listeners) listener.socket.close();
}
