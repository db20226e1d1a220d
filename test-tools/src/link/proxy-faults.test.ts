import { Agent } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { startLinkProxy, type LinkProxy } from "./proxy.ts";
import {
  httpCall,
  settledWithin,
  startHttpServer,
  startTcpServer,
  type LocalServer,
} from "./test-servers.ts";

// How long a blackholed exchange must stay unanswered. A real link would
// answer on loopback in about a millisecond.
const SILENCE_MS = 500;

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

function keepAliveAgent(): Agent {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  cleanups.push(() => Promise.resolve(agent.destroy()));
  return agent;
}

describe("link proxy faults", () => {
  test("dropAll resets both sides of every connection", async () => {
    const serverSide: Promise<boolean>[] = [];
    const server = await startTcpServer((socket) => {
      socket.on("data", (data: Uint8Array) => socket.write(data));
      socket.on("error", () => undefined);
      serverSide.push(new Promise((r) => socket.on("close", r)));
    });
    const link = await proxyTo(server);
    const client = connect(link.port, "127.0.0.1");
    const clientError = new Promise<string | undefined>((resolve) => {
      client.on("error", (e: NodeJS.ErrnoException) => resolve(e.code));
    });
    const clientClosed = new Promise((r) => client.on("close", r));
    client.write("ping");
    await new Promise((r) => client.once("data", r));

    link.dropAll();

    expect(await clientError).toBe("ECONNRESET");
    await clientClosed;
    await serverSide[0];
    expect(link.stats().openConnections).toBe(0);
    // The link itself still works.
    const again = connect(link.port, "127.0.0.1");
    again.write("pong");
    const echoed = await new Promise<string>((resolve) => {
      again.once("data", (data) => resolve(data.toString()));
    });
    again.destroy();
    expect(echoed).toBe("pong");
  });

  test("a blackhole stalls old and new connections silently", async () => {
    const server = await startHttpServer((_req, res) => res.end("ok"));
    const link = await proxyTo(server);
    const agent = keepAliveAgent();
    await httpCall(link.url("/"), { agent });

    link.blackhole(true);
    const onOld = httpCall(link.url("/old"), { agent });
    const onNew = httpCall(link.url("/new"));

    expect(await settledWithin(onOld, SILENCE_MS)).toBe("pending");
    expect(await settledWithin(onNew, 0)).toBe("pending");
    // Accepted by the proxy, never forwarded to the server.
    expect(link.stats().connections).toBe(2);
    expect(server.accepted()).toBe(1);

    link.blackhole(false);
    expect(await httpCall(link.url("/after"))).toEqual({
      status: 200,
      body: "ok",
    });
    // Held requests go through once the link is back, as TCP would retry.
    expect((await onOld).body).toBe("ok");
    expect((await onNew).body).toBe("ok");
  });

  test("a blackhole holds WebSocket messages until the link is back", async () => {
    const server = await startHttpServer((_req, res) => res.end());
    const wss = new WebSocketServer({ server: server.server });
    wss.on("connection", (s) => s.on("message", (d) => s.send(d)));
    cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
    const link = await proxyTo(server);
    const socket = new WebSocket(link.url("ws"));
    cleanups.push(() => Promise.resolve(socket.terminate()));
    await new Promise((resolve) => socket.once("open", resolve));
    const echo = () =>
      new Promise<string>((resolve) => {
        socket.once("message", (data: Buffer) => resolve(data.toString()));
      });

    link.blackhole(true);
    const held = echo();
    socket.send("while dark");

    expect(await settledWithin(held, SILENCE_MS)).toBe("pending");
    expect(link.stats().wsMessagesUp).toBe(0);
    link.blackhole(false);
    expect(await held).toBe("while dark");
    expect(link.stats()).toMatchObject({ wsMessagesUp: 1, wsMessagesDown: 1 });
  });

  test("a refused target resets the client", async () => {
    const server = await startTcpServer(() => undefined);
    await server.close();
    const link = await startLinkProxy({ target: { port: server.port } });
    cleanups.push(() => link.close());
    const client = connect(link.port, "127.0.0.1");
    const closed = new Promise((resolve) => client.on("close", resolve));
    client.on("error", () => undefined);
    await closed;
    expect(link.stats().openConnections).toBe(0);
  });

  test("close() ends open connections and stops listening", async () => {
    const server = await startTcpServer(() => undefined);
    const link = await proxyTo(server);
    const client = connect(link.port, "127.0.0.1");
    client.on("error", () => undefined);
    const closed = new Promise((resolve) => client.on("close", resolve));
    await new Promise((resolve) => client.once("connect", resolve));

    await link.close();

    await closed;
    const refused = connect(link.port, "127.0.0.1");
    const error = await new Promise<string | undefined>((resolve) => {
      refused.on("error", (e: NodeJS.ErrnoException) => resolve(e.code));
    });
    expect(error).toBe("ECONNREFUSED");
  });
});
