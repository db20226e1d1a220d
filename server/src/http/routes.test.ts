/**
 * What the app answers outside its API: unknown routes get 404 NOT_FOUND
 * in the contract's format, the health routes answer, and the server
 * keeps serving after each miss.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  requestJson,
  startTestServer,
  type TestServer,
} from "@okada/test-tools";

let ts: TestServer;

async function expectHealthy(): Promise<void> {
  const res = await requestJson(`${ts.url}/v1/healthz`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: "ok" });
}

beforeAll(async () => {
  // Nothing here needs an account or a catalog.
  ts = await startTestServer({ seed: false });
});

afterAll(async () => {
  await ts?.close();
});

describe("unknown routes", () => {
  const cases: { method: string; path: string; body?: unknown }[] = [
    { method: "GET", path: "/nope" },
    { method: "POST", path: "/nope", body: {} },
    { method: "GET", path: "/v1" },
    { method: "GET", path: "/v2/auth/login" },
    { method: "GET", path: "/v1/auth/login" },
    { method: "PUT", path: "/v1/auth/login", body: {} },
    { method: "DELETE", path: "/v1/healthz" },
    { method: "POST", path: "/v1/readyz", body: {} },
    { method: "GET", path: "/graphql" },
    { method: "GET", path: "/couch/_all_dbs" },
    { method: "GET", path: "/okada_users/user:admin" },
    { method: "GET", path: "/%E0%A4%A" },
  ];

  it.each(cases)("$method $path: 404 NOT_FOUND", async (route) => {
    const res = await requestJson(`${ts.url}${route.path}`, {
      method: route.method,
      ...(route.body === undefined ? {} : { body: route.body }),
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      error: { code: "NOT_FOUND", message: expect.any(String) },
    });
    await expectHealthy();
  });

  it("says which method and path it did not find", async () => {
    const res = await requestJson(`${ts.url}/nope`, { method: "PATCH" });
    expect(res.body).toMatchObject({
      error: { message: expect.stringContaining("PATCH /nope") },
    });
  });
});

describe("health", () => {
  it("GET /v1/healthz: 200", async () => {
    await expectHealthy();
  });

  it("GET /v1/readyz with the store up: 200", async () => {
    const res = await requestJson(`${ts.url}/v1/readyz`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ready" });
  });

  it("GET /: the placeholder page", async () => {
    const res = await fetch(`${ts.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  });
});
