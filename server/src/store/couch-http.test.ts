/**
 * How couch-http turns what a server does into results and OkadaErrors,
 * against a fake server that misbehaves on demand.
 */
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCouchHttp } from "./couch-http.ts";

type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;

const json =
  (status: number, body: unknown): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

/** The fake server's answer, by database name. */
const behaviours: Record<string, Behaviour> = {
  ok: json(200, { ok: true }),
  busy: json(503, { error: "service_unavailable", reason: "busy" }),
  broken: json(500, { error: "unknown_error", reason: "badarg" }),
  bad: json(400, { error: "bad_request", reason: "nope" }),
  locked: json(401, { error: "unauthorized", reason: "login" }),
  missing: json(404, { error: "not_found", reason: "missing" }),
  hang: () => {},
  reset: (req) => req.socket.destroy(),
  cut: (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"results":[');
    setTimeout(() => res.socket?.destroy(), 50);
  },
};

let server: Server;
let base: string;
const seen: { url: string; headers: IncomingMessage["headers"] }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    const db = (req.url ?? "").split("/").filter(Boolean).at(-1) ?? "";
    (behaviours[db.split("?")[0] ?? ""] ?? json(404, {}))(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(url = base) {
  return createCouchHttp({ url, requestTimeoutMs: 300 });
}

describe("couch-http failures", () => {
  it.each([
    ["busy", "STORE_UNAVAILABLE"],
    ["broken", "STORE_UNAVAILABLE"],
    ["hang", "STORE_UNAVAILABLE"],
    ["reset", "STORE_UNAVAILABLE"],
    ["cut", "STORE_UNAVAILABLE"],
    ["bad", "INTERNAL"],
    ["locked", "INTERNAL"],
    ["missing", "INTERNAL"],
  ])("%s becomes %s", async (db, code) => {
    await expect(client().call({ db })).rejects.toMatchObject({ code });
  });

  it("says what to do when the server cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) =>
      closed.listen(0, "127.0.0.1", resolve),
    );
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      client(`http://127.0.0.1:${port}`).call({ db: "ok" }),
    ).rejects.toMatchObject({
      code: "STORE_UNAVAILABLE",
      message: "The document store cannot be reached; retry shortly.",
    });
  });

  it("hands accepted statuses back to the caller", async () => {
    const reply = await client().send({ db: "missing" }, { accept: [404] });
    expect(reply).toEqual({
      ok: false,
      status: 404,
      error: "not_found",
      reason: "missing",
    });
  });

  it("rejects with the caller's abort reason", async () => {
    const controller = new AbortController();
    const pending = client().call(
      { db: "hang" },
      { signal: controller.signal, timeoutMs: 5_000 },
    );
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("couch-http requests", () => {
  it("keeps a URL path and sends credentials, without compression", async () => {
    seen.length = 0;
    const http = client(`http://admin:s%3Acret@${base.slice(7)}/couch`);
    expect(await http.call({ db: "ok" })).toEqual({ ok: true });
    expect(seen[0]?.url).toBe("/couch/ok");
    const expected = Buffer.from("admin:s:cret").toString("base64");
    expect(seen[0]?.headers.authorization).toBe(`Basic ${expected}`);
    expect(seen[0]?.headers["accept-encoding"]).toBe("identity");
  });

  it("encodes document IDs and query strings", async () => {
    seen.length = 0;
    await client()
      .call({ db: "db", doc: "user:a b", qs: { rev: "1-x" } })
      .catch(() => undefined);
    expect(seen[0]?.url).toBe("/db/user%3Aa%20b?rev=1-x");
  });
});
