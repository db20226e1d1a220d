import { Agent } from "node:http";
import { afterEach, describe, expect, test } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { startLinkProxy, type LinkProxy } from "./proxy.ts";
import { httpCall, startHttpServer, type LocalServer } from "./test-servers.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function proxyTo(server: LocalServer<unknown>): Promise<LinkProxy> {
  cleanups.push(() => server.close());
  const link = await startLinkProxy({ target: { port: server.port } });
  cleanups.push(() => link.close());
  return link;
}

/** Answers with the request body, or a chunked reply for GET /chunked. */
async function startEchoHttp() {
  return startHttpServer((req, res) => {
    if (req.url === "/chunked") {
      res.write("GET /inside-a-body HTTP/1.1\r\n\r\n");
      res.end("tail");
      return;
    }
    req.pipe(res);
  });
}

/** A WebSocket echo server that answers every message with itself. */
async function startWsEcho(perMessageDeflate: boolean) {
  const server = await startHttpServer((_req, res) => res.end());
  const wss = new WebSocketServer({ server: server.server, perMessageDeflate });
  wss.on("connection", (socket) => {
    socket.on("message", (data, isBinary) =>
      socket.send(data, { binary: isBinary }),
    );
  });
  cleanups.push(
    () => new Promise<void>((resolve) => wss.close(() => resolve())),
  );
  return server;
}

function nextMessage(socket: WebSocket): Promise<string> {
  return new Promise((resolve) => {
    socket.once("message", (data: Buffer) => resolve(data.toString()));
  });
}

describe("link proxy counting", () => {
  test("counts keep-alive requests with and without bodies", async () => {
    const link = await proxyTo(await startEchoHttp());
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => Promise.resolve(agent.destroy()));
    const url = link.url("/echo");
    const fake = "GET /not-counted HTTP/1.1\r\nHost: x\r\n\r\n";

    const answers = [
      await httpCall(url, { agent }),
      await httpCall(url, { agent, method: "POST", body: fake }),
      await httpCall(url, { agent, method: "PUT", chunks: [fake, fake] }),
      await httpCall(link.url("/chunked"), { agent }),
      await httpCall(url, { agent, method: "POST", body: "" }),
    ];

    expect(answers.map((a) => a.body)).toEqual([
      "",
      fake,
      fake + fake,
      "GET /inside-a-body HTTP/1.1\r\n\r\ntail",
      "",
    ]);
    expect(link.stats()).toMatchObject({
      connections: 1,
      httpRequests: 5,
      roundTrips: 5,
      wsMessagesUp: 0,
    });
  });

  test("counts a connection per request without keep-alive", async () => {
    const link = await proxyTo(await startEchoHttp());
    await httpCall(link.url("/"));
    await httpCall(link.url("/"), { method: "POST", body: "abc" });
    expect(link.stats()).toMatchObject({ connections: 2, httpRequests: 2 });
  });

  test.each([false, true])(
    "counts WebSocket messages and control frames (deflate %s)",
    async (perMessageDeflate) => {
      const link = await proxyTo(await startWsEcho(perMessageDeflate));
      const socket = new WebSocket(link.url("ws", "/socket"), {
        perMessageDeflate,
      });
      await new Promise((resolve) => socket.once("open", resolve));

      for (const text of ["a", "b".repeat(70_000), "c"]) {
        socket.send(text);
        expect(await nextMessage(socket)).toBe(text);
      }
      // One message in two frames.
      socket.send("part1-", { fin: false });
      socket.send("part2", { fin: true });
      expect(await nextMessage(socket)).toBe("part1-part2");
      socket.ping();
      await new Promise((resolve) => socket.once("pong", resolve));
      socket.close();
      await new Promise((resolve) => socket.once("close", resolve));

      expect(link.stats()).toMatchObject({
        connections: 1,
        httpRequests: 1,
        wsMessagesUp: 4,
        wsMessagesDown: 4,
        // ping, pong and one close frame each way
        wsControlFrames: 4,
        roundTrips: 5,
      });
    },
  );

  test("resetStats zeroes the counters, not the open connections", async () => {
    const link = await proxyTo(await startEchoHttp());
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => Promise.resolve(agent.destroy()));
    await httpCall(link.url("/"), { agent, method: "POST", body: "abc" });

    link.resetStats();
    expect(link.stats()).toEqual({
      bytesUp: 0,
      bytesDown: 0,
      connections: 0,
      openConnections: 1,
      httpRequests: 0,
      wsMessagesUp: 0,
      wsMessagesDown: 0,
      wsControlFrames: 0,
      roundTrips: 0,
    });

    await httpCall(link.url("/"), { agent });
    expect(link.stats()).toMatchObject({ connections: 0, httpRequests: 1 });
    expect(link.stats().bytesUp).toBeGreaterThan(0);
  });
});
