/**
 * The server's own logs, captured from a real server: one "request" line
 * per HTTP request, and never a password or a token, whatever the request
 * looked like. The logger here has no redaction configured, so the test
 * holds for what the server chooses to log, not for what pino censors.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphqlQueryBuilders, type GraphqlDoc } from "@okada/sync-rules";
import {
  startServer,
  type RunningServer,
  type ServerConfig,
} from "@okada/server";
import { login, requestJson, waitFor } from "@okada/test-tools";

const PASSWORD = "okada";
/** A wrong password that could not appear in a log by chance. */
const WRONG_PASSWORD = "Wr0ng-Pa55word-7f3a";

const products = graphqlQueryBuilders("products");

function product(id: string): GraphqlDoc<"products"> {
  return {
    id,
    storeId: "store-yde-mvog-mbi",
    name: { fr: "Arachides grillées", en: "Roasted peanuts" },
    category: "epicerie",
    priceXaf: 300,
    unit: "sachet",
    active: true,
    updatedAt: "2024-05-01T08:00:00.000Z",
    _deleted: false,
  };
}

/** Every log line written, as pino wrote it. */
const lines: string[] = [];
let server: RunningServer;
let dataDir: string;

type LogEntry = Record<string, unknown>;

function entries(): LogEntry[] {
  return lines.map((line) => JSON.parse(line) as LogEntry);
}

function requestEntries(): LogEntry[] {
  return entries().filter((entry) => entry["msg"] === "request");
}

/** Every string anywhere in a log entry, nested fields included. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  }
  return [];
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "okada-log-test-"));
  const logger = pino(
    { level: "debug" },
    { write: (line: string) => void lines.push(line) },
  );
  const config: ServerConfig = {
    port: 0,
    host: "127.0.0.1",
    dbPrefix: "okada_",
    dataDir,
    jwtSecret: "test-secret-not-for-production",
    logLevel: "debug",
    seedDemoData: true,
  };
  server = await startServer(config, {
    logger,
    feed: { pollTimeoutMs: 1_000 },
  });
});

afterAll(async () => {
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("request logs", () => {
  it("one line per request, with no password or token", async () => {
    const before = requestEntries().length;
    const graphqlUrl = `${server.url}/graphql`;
    const loginUrl = `${server.url}/v1/auth/login`;

    // 1: a good login.
    const token = await login(server.url, "admin", PASSWORD);
    // 2: a wrong password; 3: a body that is not JSON.
    await requestJson(loginUrl, {
      body: { username: "admin", password: WRONG_PASSWORD },
    });
    await requestJson(loginUrl, {
      rawBody: `{"username": "admin", "password": "${WRONG_PASSWORD}"`,
    });
    // 4: a pull; 5: a push; 6: a push that fails the schema.
    await requestJson(graphqlUrl, {
      body: products.pullQueryBuilder(undefined, 5),
      token,
    });
    await requestJson(graphqlUrl, {
      body: products.pushQueryBuilder([
        { newDocumentState: product("logged-push") },
      ]),
      token,
    });
    await requestJson(graphqlUrl, {
      body: products.pushQueryBuilder([
        { newDocumentState: { ...product("bad-push"), priceXaf: -1 } },
      ]),
      token,
    });
    // 7: a malformed query; 8: a tampered token.
    await requestJson(graphqlUrl, { body: { query: "query {" }, token });
    await requestJson(graphqlUrl, {
      body: products.pullQueryBuilder(undefined, 1),
      token: `${token}x`,
    });
    // 9: a token in the query string, where logs often pick it up.
    await requestJson(`${server.url}/v1/healthz?access_token=${token}`);
    const sent = 9;

    await waitFor(
      () => requestEntries().length >= before + sent,
      "a request line per request",
    );
    // Let any late or duplicate line arrive before counting exactly.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const logged = requestEntries().slice(before);
    expect(logged).toHaveLength(sent);
    expect(logged.map((e) => [e["method"], e["path"], e["status"]])).toEqual([
      ["POST", "/v1/auth/login", 200],
      ["POST", "/v1/auth/login", 401],
      ["POST", "/v1/auth/login", 400],
      ["POST", "/graphql", 200],
      ["POST", "/graphql", 200],
      ["POST", "/graphql", 422],
      ["POST", "/graphql", 400],
      ["POST", "/graphql", 401],
      ["GET", "/v1/healthz", 200],
    ]);
    // Each line names the user once the token or password checked out.
    expect(logged.map((e) => e["user"])).toEqual([
      "admin",
      undefined,
      undefined,
      "admin",
      "admin",
      "admin",
      "admin",
      undefined,
      undefined,
    ]);

    const text = lines.join("");
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split(".")[2]);
    expect(text).not.toContain(WRONG_PASSWORD);
    // "okada" is also the database prefix, so look for it as a value.
    for (const entry of entries()) {
      expect(strings(entry)).not.toContain(PASSWORD);
      expect(entry).not.toHaveProperty("password");
      expect(entry).not.toHaveProperty("token");
      expect(entry).not.toHaveProperty("req.headers.authorization");
    }
    expect(text).not.toMatch(/authorization/i);
    expect(text).not.toMatch(/bearer/i);
  });
});
