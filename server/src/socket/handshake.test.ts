/**
 * Who may connect to `/sync` and for how long, on a real server: refused
 * handshakes carry their code in `connect_error`'s `data`; a session ends
 * when its token does; other WebSocket endpoints keep working beside
 * socket.io.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT } from "jose";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { OkadaError } from "@okada/sync-rules";
import { startTestServer, type TestServer } from "@okada/test-tools";
import { createTokenService, type TokenService } from "../auth/tokens.ts";
import type { SyncUser } from "../sync/user.ts";
import { attachSocketSync, type SocketSync } from "./attach.ts";
import { connect, nextDisconnect, refusal } from "./test-client.ts";

const SECRET = "test-secret-not-for-production";
const customer: SyncUser = { id: "customer", role: "customer", name: "x" };
const key = new TextEncoder().encode(SECRET);

function tokenExpiringIn(seconds: number): Promise<string> {
  return new SignJWT({ role: "customer", name: "x" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("customer")
    .setIssuer("okada-sync")
    .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
    .sign(key);
}

const pullAll = { v: 1, checkpoints: { stores: null }, limit: 10 };

let ts: TestServer;
let token: string;

beforeAll(async () => {
  ts = await startTestServer();
  token = await createTokenService({ secret: SECRET }).sign(customer);
});

afterAll(async () => {
  await ts.close();
});

describe("the handshake", () => {
  const cases = [
    { name: "no token", auth: {}, code: "UNAUTHENTICATED" },
    { name: "an empty token", auth: { token: "" }, code: "UNAUTHENTICATED" },
    {
      name: "a forged token",
      auth: { token: "a.b.c" },
      code: "UNAUTHENTICATED",
    },
  ];
  it.each(cases)("with $name is refused: $code", async ({ auth, code }) => {
    const data = await refusal(ts.url, auth);
    expect(data).toMatchObject({ code, message: expect.any(String) });
  });

  it("with an expired token is refused: TOKEN_EXPIRED", async () => {
    const data = await refusal(ts.url, { token: await tokenExpiringIn(-5) });
    expect(data).toMatchObject({ code: "TOKEN_EXPIRED" });
  });

  it("with a token signed by another secret is refused", async () => {
    const other = createTokenService({ secret: "another-secret" });
    const data = await refusal(ts.url, { token: await other.sign(customer) });
    expect(data).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("on the default namespace is refused: NOT_FOUND", async () => {
    const data = await refusal(ts.url, { token, namespace: "/" });
    expect(data).toMatchObject({ code: "NOT_FOUND" });
  });

  it.each(["websocket", "polling"] as const)(
    "with a valid token is accepted over %s",
    async (transport) => {
      const client = await connect(ts.url, {
        token,
        transports: [transport],
      });
      await expect(client.pull(pullAll)).resolves.toMatchObject({ ok: true });
      client.close();
    },
  );
});

describe("a session whose token expires", () => {
  it("is disconnected by the server; the same token is then refused", async () => {
    const shortLived = await tokenExpiringIn(2);
    const client = await connect(ts.url, { token: shortLived });
    await expect(client.pull(pullAll)).resolves.toMatchObject({ ok: true });
    await expect(nextDisconnect(client)).resolves.toBe("io server disconnect");
    const data = await refusal(ts.url, { token: shortLived });
    expect(data).toMatchObject({ code: "TOKEN_EXPIRED" });
  });
});

describe("a request whose token no longer verifies", () => {
  // The server disconnects at the token's expiry; a request that slips in
  // before the timer fires is what this covers. A token service that
  // accepts the handshake and then reports expiry stands in for the clock.
  let http: Server;
  let sockets: SocketSync;
  let url: string;

  beforeAll(async () => {
    const real = createTokenService({ secret: SECRET });
    let verified = 0;
    const tokens: TokenService = {
      sign: (user) => real.sign(user),
      verify: async (t) => {
        verified++;
        if (verified > 1) {
          throw new OkadaError("TOKEN_EXPIRED", "Your session has expired.");
        }
        return real.verify(t);
      },
    };
    http = createServer();
    sockets = attachSocketSync({
      http,
      core: ts.server.core,
      tokens,
      logger: pino({ level: "silent" }),
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await sockets.close();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  });

  it("is answered TOKEN_EXPIRED, then the socket is disconnected", async () => {
    const client = await connect(url, { token });
    const disconnected = nextDisconnect(client);
    await expect(client.pull(pullAll)).resolves.toMatchObject({
      ok: false,
      error: { code: "TOKEN_EXPIRED" },
    });
    await expect(disconnected).resolves.toBe("io server disconnect");
  });
});

describe("other upgrades beside socket.io", () => {
  function upgrade(path: string, protocol?: string): Promise<string> {
    const ws = new WebSocket(ts.url.replace("http", "ws") + path, protocol);
    return new Promise((resolve) => {
      ws.once("open", () => {
        ws.close();
        resolve("open");
      });
      ws.once("error", () => resolve("refused"));
    });
  }

  it("GraphQL over WebSocket still upgrades", async () => {
    await expect(upgrade("/graphql", "graphql-transport-ws")).resolves.toBe(
      "open",
    );
  });

  it("an unknown path is refused", async () => {
    await expect(upgrade("/elsewhere")).resolves.toBe("refused");
  });
});
