/**
 * The live queue's bound on a real engine.io connection: a long-polling
 * client that stops polling stands for a phone whose 2G link stalled.
 * Live changes pile up for it until the bound, then the server closes it;
 * a client whose link keeps up stays connected through the same changes.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOCKET_NAMESPACE } from "@okada/sync-rules";
import { startTestServer, waitFor, type TestServer } from "@okada/test-tools";
import { createTokenService } from "../auth/tokens.ts";
import { attachSocketSync, type SocketSync } from "./attach.ts";
import { connect, type TestClient } from "./test-client.ts";
import { order } from "./test-docs.ts";

const BOUND = 2000;

/**
 * An engine.io v4 client over long polling that connects to `/sync` and
 * then never polls: whatever the server sends stays in its queue.
 */
async function stalledClient(url: string, token: string) {
  const base = `${url}/socket.io/?EIO=4&transport=polling`;
  const open = await (await fetch(base)).text();
  const { sid } = JSON.parse(open.slice(1)) as { sid: string };
  const res = await fetch(`${base}&sid=${sid}`, {
    method: "POST",
    body: `40${SOCKET_NAMESPACE},${JSON.stringify({ token })}`,
  });
  expect(await res.text()).toBe("ok");
  return { sid, poll: () => fetch(`${base}&sid=${sid}`) };
}

let ts: TestServer;
let http: Server;
let sockets: SocketSync;
let url: string;
let token: string;

beforeAll(async () => {
  ts = await startTestServer();
  const secret = "test-secret-not-for-production";
  token = await createTokenService({ secret }).sign({
    id: "customer",
    role: "customer",
    name: "x",
  });
  http = createServer();
  sockets = attachSocketSync({
    http,
    core: ts.server.core,
    tokens: createTokenService({ secret }),
    logger: pino({ level: "silent" }),
    options: { maxQueuedLiveBytes: BOUND },
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await sockets.close();
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
  await ts.close();
});

describe("a client that stops reading", () => {
  let writer: TestClient;
  let reader: TestClient;

  beforeAll(async () => {
    writer = await connect(url, { token });
    reader = await connect(url, { token });
  });

  afterAll(() => {
    writer.close();
    reader.close();
  });

  it("is closed once its live queue passes the bound; others stay", async () => {
    const stalled = await stalledClient(url, token);
    const nsp = sockets.io.of(SOCKET_NAMESPACE);
    await waitFor(() => nsp.sockets.size === 3, "three sockets on /sync");

    const ids: string[] = [];
    for (let i = 0; i < 20 && nsp.sockets.size === 3; i++) {
      const id = `stall-${i}`;
      ids.push(id);
      await writer.push({
        v: 1,
        rows: { orders: [{ newDocumentState: order(id) }] },
      });
      const seen = () =>
        reader.changes.some((c) => c.documents.some((d) => d.id === id));
      await waitFor(seen, `the live change of ${id}`, 5000);
    }

    // A 600-byte change each: the bound holds a handful of them.
    expect(ids.length).toBeGreaterThan(1);
    expect(ids.length).toBeLessThan(20);
    await waitFor(() => nsp.sockets.size === 2, "the stalled socket closed");
    const poll = await stalled.poll();
    expect(poll.status).toBe(400);
    expect(reader.socket.connected).toBe(true);
    expect(writer.socket.connected).toBe(true);
  });
});
