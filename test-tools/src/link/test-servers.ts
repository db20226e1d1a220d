/**
 * Real local servers and clients for the link emulator's tests: a raw TCP
 * server, an HTTP server, and a small HTTP client that reports status and
 * body. Everything binds to 127.0.0.1 on a free port.
 */
import {
  createServer as createHttpServer,
  request,
  type Agent,
  type IncomingMessage,
  type RequestListener,
  type Server as HttpServer,
} from "node:http";
import { createServer, type Server, type Socket } from "node:net";

export interface LocalServer<S> {
  readonly server: S;
  readonly port: number;
  /** Sockets the server has accepted so far. */
  readonly accepted: () => number;
  close(): Promise<void>;
}

export function startTcpServer(
  onSocket: (socket: Socket) => void,
): Promise<LocalServer<Server>> {
  return serve(createServer(onSocket));
}

export function startHttpServer(
  handler: RequestListener,
): Promise<LocalServer<HttpServer>> {
  return serve(createHttpServer(handler));
}

async function serve<S extends Server>(server: S): Promise<LocalServer<S>> {
  let accepted = 0;
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => {
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (address === null || typeof address === "string") {
    throw new Error("test server has no TCP port");
  }
  return {
    server,
    port: address.port,
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface HttpResult {
  readonly status: number;
  readonly body: string;
}

export interface HttpCall {
  readonly method?: string;
  /** Sent with a Content-Length. */
  readonly body?: string;
  /** Written piece by piece without a length: chunked encoding. */
  readonly chunks?: readonly string[];
  /** `false` for a fresh connection. Default: a fresh connection. */
  readonly agent?: Agent | false;
}

export function httpCall(
  url: string,
  call: HttpCall = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (call.body !== undefined) {
      headers["content-length"] = String(Buffer.byteLength(call.body));
    }
    const req = request(
      url,
      { method: call.method ?? "GET", agent: call.agent ?? false, headers },
      (res: IncomingMessage) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (text: string) => (body += text));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (call.body !== undefined) req.write(call.body);
    for (const chunk of call.chunks ?? []) req.write(chunk);
    req.end();
  });
}

/** Resolves to "pending" if `promise` has not settled after `ms`. */
export async function settledWithin<T>(
  promise: Promise<T>,
  ms: number,
): Promise<T | "pending"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"pending">((resolve) => {
    timer = setTimeout(() => resolve("pending"), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
