/**
 * The store goes away under a running server and comes back: while it is
 * down, readiness and every request that needs it answer 503
 * STORE_UNAVAILABLE with Retry-After, quickly, and nothing is
 * acknowledged; liveness stays 200. Once it is back the same server (no
 * restart) is ready again and takes writes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  graphqlQueryBuilders,
  type ErrorCode,
  type GraphqlDoc,
} from "@okada/sync-rules";
import type { RunningServer } from "@okada/server";
import {
  login,
  requestJson,
  startTestServer,
  type JsonResponse,
  type TestServer,
} from "@okada/test-tools";

const products = graphqlQueryBuilders("products");

/** A store outage must fail fast, not wait out the store's timeout. */
const FAST_MS = 5_000;

function product(id: string): GraphqlDoc<"products"> {
  return {
    id,
    storeId: "store-dla-akwa",
    name: { fr: "Plantain mûr", en: "Ripe plantain" },
    category: "frais",
    priceXaf: 1000,
    unit: "régime",
    active: true,
    updatedAt: "2024-05-01T08:00:00.000Z",
    _deleted: false,
  };
}

interface ErrorReply {
  error: { code: string; message: string };
  errors?: { extensions?: { code?: string } }[];
}

function expectUnavailable(res: JsonResponse) {
  const code: ErrorCode = "STORE_UNAVAILABLE";
  expect(res.status, JSON.stringify(res.body)).toBe(503);
  expect(res.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
  expect(res.body).toMatchObject({ error: { code } });
  expect((res.body as ErrorReply).error.message).toMatch(/retry/i);
}

async function timed(
  request: Promise<JsonResponse>,
): Promise<JsonResponse & { ms: number }> {
  const started = performance.now();
  const res = await request;
  return { ...res, ms: performance.now() - started };
}

type EmbeddedCouch = NonNullable<RunningServer["embedded"]>;

let ts: TestServer;
let token: string;

function embedded(): EmbeddedCouch {
  const couch = ts.server.embedded;
  if (!couch) throw new Error("the test server has no embedded store");
  return couch;
}

async function stored(id: string): Promise<string[]> {
  const found = await ts.server.store.collection("products").getMany([id]);
  return [...found.keys()];
}

beforeAll(async () => {
  ts = await startTestServer({ seed: true, pollTimeoutMs: 500 });
  // Admin may write the products of every store.
  token = await login(ts.url, "admin");
});

afterEach(async () => {
  // A failed assertion must not leave the store down for the next test.
  await embedded().start();
});

afterAll(async () => {
  await ts?.close();
});

describe("store unreachable", () => {
  it("answers 503 with Retry-After, and recovers without a restart", async () => {
    const app = ts.server;
    await embedded().stop();

    const ready = await timed(requestJson(`${ts.url}/v1/readyz`));
    expectUnavailable(ready);
    expect(ready.ms).toBeLessThan(FAST_MS);

    const health = await requestJson(`${ts.url}/v1/healthz`);
    expect(health.status).toBe(200);

    const push = await timed(
      requestJson(ts.graphqlUrl, {
        body: products.pushQueryBuilder([
          { newDocumentState: product("during-outage") },
        ]),
        token,
      }),
    );
    expectUnavailable(push);
    expect(push.ms).toBeLessThan(FAST_MS);
    const codes = (push.body as ErrorReply).errors?.map(
      (e) => e.extensions?.code,
    );
    expect(codes).toEqual(["STORE_UNAVAILABLE"]);
    expect(push.body).not.toHaveProperty("data.pushProducts");

    const pull = await requestJson(ts.graphqlUrl, {
      body: products.pullQueryBuilder(undefined, 10),
      token,
    });
    expectUnavailable(pull);

    const loggingIn = await requestJson(`${ts.url}/v1/auth/login`, {
      body: { username: "customer", password: "okada" },
    });
    expectUnavailable(loggingIn);

    // Requests that never reach the store are still answered as usual.
    const bad = await requestJson(ts.graphqlUrl, {
      body: { query: "query {" },
      token,
    });
    expect(bad.status).toBe(400);

    await embedded().start();
    expect(ts.server).toBe(app);

    const readyAgain = await requestJson(`${ts.url}/v1/readyz`);
    expect(readyAgain.status).toBe(200);
    expect(readyAgain.headers.get("retry-after")).toBeNull();

    // Nothing was acknowledged, and nothing slipped in either.
    expect(await stored("during-outage")).toEqual([]);

    const after = await requestJson(ts.graphqlUrl, {
      body: products.pushQueryBuilder([
        { newDocumentState: product("after-outage") },
      ]),
      token,
    });
    expect(after.status, JSON.stringify(after.body)).toBe(200);
    expect(after.body).toEqual({ data: { pushProducts: [] } });
    expect(await stored("after-outage")).toEqual(["after-outage"]);

    const pulled = await requestJson(ts.graphqlUrl, {
      body: products.pullQueryBuilder(undefined, 1000),
      token,
    });
    expect(pulled.status).toBe(200);
    expect(await login(ts.url, "customer")).toMatch(/\./);
  });

  it("survives several outages in a row", async () => {
    for (let round = 0; round < 3; round++) {
      await embedded().stop();
      expectUnavailable(await requestJson(`${ts.url}/v1/readyz`));
      await embedded().start();
      const ready = await requestJson(`${ts.url}/v1/readyz`);
      expect(ready.status).toBe(200);
    }
    const id = "after-three-outages";
    const res = await requestJson(ts.graphqlUrl, {
      body: products.pushQueryBuilder([{ newDocumentState: product(id) }]),
      token,
    });
    expect(res.status).toBe(200);
    expect(await stored(id)).toEqual([id]);
  });
});
