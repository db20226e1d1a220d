/**
 * A real socket.io client for the tests beside this file: connects to
 * `/sync`, sends requests with acknowledgements, and records `changes`.
 */
import { io, type Socket } from "socket.io-client";
import {
  SOCKET_NAMESPACE,
  type ChangesEvent,
  type ErrorReply,
  type PullReply,
  type PushReply,
} from "@okada/sync-rules";

export type Transport = "websocket" | "polling";

export interface TestClient {
  socket: Socket;
  changes: ChangesEvent[];
  /** `pulled` events: the replies to a handshake's pull. */
  pulled: unknown[];
  /** Reasons of every disconnect, in order. */
  disconnects: string[];
  pull(payload: unknown): Promise<PullReply | ErrorReply>;
  push(payload: unknown): Promise<PushReply | ErrorReply>;
  request(event: string, payload: unknown): Promise<unknown>;
  close(): void;
}

export interface ConnectOptions {
  token?: string;
  transports?: Transport[];
  namespace?: string;
  /** A pull to send with the handshake. */
  pull?: unknown;
}

function wrap(socket: Socket, pulled: unknown[]): TestClient {
  const changes: ChangesEvent[] = [];
  const disconnects: string[] = [];
  socket.on("changes", (event: ChangesEvent) => changes.push(event));
  socket.on("disconnect", (reason) => disconnects.push(reason));
  const request = (event: string, payload: unknown) =>
    socket.timeout(10_000).emitWithAck(event, payload) as Promise<unknown>;
  return {
    socket,
    changes,
    pulled,
    disconnects,
    request,
    pull: (payload) => request("pull", payload) as Promise<PullReply>,
    push: (payload) => request("push", payload) as Promise<PushReply>,
    close: () => socket.close(),
  };
}

function open(
  url: string,
  options: ConnectOptions,
): { socket: Socket; pulled: unknown[] } {
  const auth: Record<string, unknown> = {};
  if (options.token !== undefined) auth["token"] = options.token;
  if (options.pull !== undefined) auth["pull"] = options.pull;
  const socket = io(url + (options.namespace ?? SOCKET_NAMESPACE), {
    auth,
    transports: options.transports ?? ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  // Listening before the handshake: the reply may come with the connect.
  const pulled: unknown[] = [];
  socket.on("pulled", (reply: unknown) => pulled.push(reply));
  return { socket, pulled };
}

/** Connects; rejects with the `connect_error` when refused. */
export function connect(
  url: string,
  options: ConnectOptions = {},
): Promise<TestClient> {
  const { socket, pulled } = open(url, options);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(wrap(socket, pulled)));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** The `data` of the `connect_error` a refused handshake ends in. */
export async function refusal(
  url: string,
  options: ConnectOptions = {},
): Promise<unknown> {
  try {
    const client = await connect(url, options);
    client.close();
  } catch (error) {
    return (error as { data?: unknown }).data;
  }
  throw new Error("the handshake was accepted");
}

/** Resolves with the reason of the socket's next disconnect. */
export function nextDisconnect(client: TestClient): Promise<string> {
  return new Promise((resolve) => {
    client.socket.once("disconnect", (reason) => resolve(reason));
  });
}
