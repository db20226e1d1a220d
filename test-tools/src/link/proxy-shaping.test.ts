import { createHash, randomFillSync } from "node:crypto";
import { Agent } from "node:http";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { startLinkProxy, type LinkProxy } from "./proxy.ts";
import { LINK_PROFILES, type LinkProfileInput } from "./profiles.ts";
import {
  httpCall,
  startHttpServer,
  startTcpServer,
  type LocalServer,
} from "./test-servers.ts";
import { joinBytes } from "./test-bytes.ts";

// Timing assertions are lower bounds only: a loaded machine is slower,
// never faster. Timers may fire up to 1 ms early, hence the slack.
const SLACK_MS = 20;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function proxyTo(
  server: LocalServer<unknown>,
  profile: LinkProfileInput = null,
): Promise<LinkProxy> {
  cleanups.push(() => server.close());
  const link = await startLinkProxy({ target: { port: server.port }, profile });
  cleanups.push(() => link.close());
  return link;
}

function randomData(size: number): Uint8Array {
  return randomFillSync(new Uint8Array(size));
}

function sha256(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Sends `out` through a fresh connection and collects what comes back. */
function exchange(port: number, out: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, "127.0.0.1");
    const received: Uint8Array[] = [];
    socket.on("data", (chunk: Uint8Array) => received.push(chunk));
    socket.on("end", () => resolve(joinBytes(received)));
    socket.on("error", reject);
    socket.end(out);
  });
}

/** Hashes what each connection sends and answers with `reply`. */
async function startHashServer(reply: Uint8Array) {
  const hashes: Promise<string>[] = [];
  const server = await startTcpServer((socket) => {
    const hash = createHash("sha256");
    socket.on("data", (chunk: Uint8Array) => hash.update(chunk));
    hashes.push(
      new Promise((resolve) => {
        socket.on("end", () => resolve(hash.digest("hex")));
      }),
    );
    socket.end(reply);
  });
  return { server, hashes };
}

async function elapsedMs(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

describe("link proxy shaping", () => {
  test("passthrough carries megabytes both ways intact", async () => {
    const up = randomData(4 * 1024 * 1024);
    const down = randomData(3 * 1024 * 1024 + 17);
    const { server, hashes } = await startHashServer(down);
    const link = await proxyTo(server);

    const received = await exchange(link.port, up);

    expect(sha256(received)).toBe(sha256(down));
    expect(await hashes[0]).toBe(sha256(up));
    expect(link.stats()).toMatchObject({
      bytesUp: up.length,
      bytesDown: down.length,
      connections: 1,
      httpRequests: 0,
    });
  });

  test("a shaped link keeps every connection's bytes in order", async () => {
    const down = randomData(40_000);
    const { server, hashes } = await startHashServer(down);
    // 20 Mbit/s: slicing and sharing without a slow test.
    const link = await proxyTo(server, {
      downKbps: 20_000,
      upKbps: 20_000,
      rttMs: 10,
    });
    const ups = [1, 2, 3].map(() => randomData(50_000));

    const received = await Promise.all(
      ups.map((up) => exchange(link.port, up)),
    );

    for (const r of received) expect(sha256(r)).toBe(sha256(down));
    const serverSaw = (await Promise.all(hashes)).sort();
    expect(serverSaw).toEqual(ups.map(sha256).sort());
  });

  test("50 KB down at 250 kbit/s takes 1.6 s plus a round trip", async () => {
    const body = "x".repeat(50_000);
    const server = await startHttpServer((_req, res) => res.end(body));
    const link = await proxyTo(server, "regular2g");

    const ms = await elapsedMs(() => httpCall(link.url("/")));

    const { downKbps, rttMs } = LINK_PROFILES.regular2g;
    expect(ms).toBeGreaterThanOrEqual((50_000 * 8) / downKbps + rttMs);
  });

  test("connections share the link like one phone", async () => {
    const body = "x".repeat(12_500);
    const server = await startHttpServer((_req, res) => res.end(body));
    const link = await proxyTo(server, { downKbps: 250 });

    // Alone each would take 400 ms; together they queue on one link.
    const ms = await elapsedMs(() =>
      Promise.all([httpCall(link.url("/")), httpCall(link.url("/"))]),
    );

    expect(ms).toBeGreaterThanOrEqual((2 * 12_500 * 8) / 250 - SLACK_MS);
  });

  test("a new connection costs two round trips, a reused one one", async () => {
    const server = await startHttpServer((_req, res) => res.end("ok"));
    const link = await proxyTo(server, { rttMs: 300 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => Promise.resolve(agent.destroy()));

    const first = await elapsedMs(() => httpCall(link.url("/"), { agent }));
    const second = await elapsedMs(() => httpCall(link.url("/"), { agent }));

    expect(first).toBeGreaterThanOrEqual(600 - SLACK_MS);
    expect(second).toBeGreaterThanOrEqual(300 - SLACK_MS);
    expect(link.stats()).toMatchObject({ connections: 1, httpRequests: 2 });
  });

  test("setProfile changes shaping on live connections", async () => {
    const server = await startHttpServer((_req, res) => res.end("ok"));
    const link = await proxyTo(server);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => Promise.resolve(agent.destroy()));
    await httpCall(link.url("/"), { agent });

    link.setProfile({ rttMs: 400 });
    const slowed = await elapsedMs(() => httpCall(link.url("/"), { agent }));
    link.setProfile(null);
    const restored = await httpCall(link.url("/"), { agent });

    expect(slowed).toBeGreaterThanOrEqual(400 - SLACK_MS);
    expect(restored.body).toBe("ok");
    expect(link.stats().connections).toBe(1);
  });

  test("profiles are checked", async () => {
    const server = await startTcpServer(() => undefined);
    const link = await proxyTo(server);
    expect(() => link.setProfile({ downKbps: 0 })).toThrow(RangeError);
    expect(() => link.setProfile({ rttMs: -1 })).toThrow(RangeError);
  });

  test("url() builds addresses for each scheme", async () => {
    const server = await startTcpServer(() => undefined);
    const link = await proxyTo(server);
    const base = `127.0.0.1:${link.port}`;
    expect(link.url()).toBe(`http://${base}`);
    expect(link.url("/v1/x")).toBe(`http://${base}/v1/x`);
    expect(link.url("ws")).toBe(`ws://${base}`);
    expect(link.url("ws:", "/graphql")).toBe(`ws://${base}/graphql`);
    expect(link.url("health")).toBe(`http://${base}/health`);
  });
});
