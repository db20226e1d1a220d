/**
 * `POST /v1/auth/login` with bad input, on a real server: each gets a
 * coded 4xx in the contract's format, an unknown user and a wrong password
 * are told apart by nothing, and the next good login works.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorCode } from "@okada/sync-rules";
import {
  requestJson,
  startTestServer,
  type JsonResponse,
  type TestServer,
} from "@okada/test-tools";

let ts: TestServer;
const loginUrl = () => `${ts.url}/v1/auth/login`;

interface ErrorReply {
  error: { code: string; message: string };
}

function expectCoded(res: JsonResponse, status: number, code: ErrorCode) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.body).toMatchObject({ error: { code } });
  expect((res.body as ErrorReply).error.message.length).toBeGreaterThan(10);
  expect(res.body).not.toHaveProperty("token");
}

async function expectGoodLogin(): Promise<void> {
  const res = await requestJson(loginUrl(), {
    body: { username: "customer", password: "okada" },
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    user: { id: "customer", role: "customer" },
  });
}

beforeAll(async () => {
  ts = await startTestServer({ seed: true });
});

afterAll(async () => {
  await ts?.close();
});

describe("login bodies that are not {username, password}", () => {
  const cases: { name: string; body: unknown }[] = [
    { name: "an empty object", body: {} },
    { name: "no password", body: { username: "customer" } },
    { name: "no username", body: { password: "okada" } },
    { name: "a numeric username", body: { username: 42, password: "okada" } },
    {
      name: "a boolean password",
      body: { username: "customer", password: true },
    },
    {
      name: "a password as an array",
      body: { username: "customer", password: ["okada"] },
    },
    {
      name: "a username as an object",
      body: { username: { $ne: "" }, password: "okada" },
    },
    { name: "null fields", body: { username: null, password: null } },
    { name: "an empty username", body: { username: "", password: "okada" } },
    { name: "an empty password", body: { username: "customer", password: "" } },
    {
      name: "a username of 201 characters",
      body: { username: "c".repeat(201), password: "okada" },
    },
    { name: "an array", body: ["customer", "okada"] },
  ];

  it.each(cases)("$name: 400 BAD_REQUEST", async ({ body }) => {
    const res = await requestJson(loginUrl(), { body });
    expectCoded(res, 400, "BAD_REQUEST");
    expect((res.body as ErrorReply).error.message).toMatch(/username/);
    await expectGoodLogin();
  });

  it.each([
    { name: "not JSON", raw: "username=customer&password=okada" },
    { name: "cut-off JSON", raw: '{"username": "customer", "pass' },
    { name: "a bare JSON string", raw: '"customer"' },
    { name: "JSON null", raw: "null" },
  ])("a body that is $name: 400 BAD_REQUEST", async ({ raw }) => {
    const res = await requestJson(loginUrl(), { rawBody: raw });
    expectCoded(res, 400, "BAD_REQUEST");
    await expectGoodLogin();
  });

  it("no body at all: 400 BAD_REQUEST", async () => {
    const res = await requestJson(loginUrl(), { method: "POST" });
    expectCoded(res, 400, "BAD_REQUEST");
    await expectGoodLogin();
  });

  it.each([
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
  ])("a body sent as %s: 415 UNSUPPORTED_MEDIA_TYPE", async (type) => {
    const res = await requestJson(loginUrl(), {
      rawBody: JSON.stringify({ username: "customer", password: "okada" }),
      headers: { "content-type": type },
    });
    expectCoded(res, 415, "UNSUPPORTED_MEDIA_TYPE");
    expect((res.body as ErrorReply).error.message).toMatch(/application\/json/);
    await expectGoodLogin();
  });
});

describe("wrong credentials", () => {
  const cases = [
    { name: "a wrong password", username: "customer", password: "okadaa" },
    {
      name: "the password in capitals",
      username: "customer",
      password: "OKADA",
    },
    { name: "an unknown user", username: "nobody", password: "okada" },
    {
      name: "the username in capitals",
      username: "CUSTOMER",
      password: "okada",
    },
    { name: "a username like a path", username: "../_all_docs", password: "x" },
    { name: "a design document", username: "_design/x", password: "okada" },
    { name: "a store-looking key", username: "user:admin", password: "okada" },
  ];

  it.each(cases)(
    "$name: 401 INVALID_CREDENTIALS",
    async ({ username, password }) => {
      const res = await requestJson(loginUrl(), {
        body: { username, password },
      });
      expectCoded(res, 401, "INVALID_CREDENTIALS");
      await expectGoodLogin();
    },
  );

  it("an unknown user and a wrong password read the same", async () => {
    const unknown = await requestJson(loginUrl(), {
      body: { username: "nobody", password: "okada" },
    });
    const wrong = await requestJson(loginUrl(), {
      body: { username: "customer", password: "wrong" },
    });
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });

  it("an unknown user costs the same password check", async () => {
    // Without a decoy check an unknown user answers ~20 times faster than
    // a wrong password (no scrypt), which tells which usernames exist.
    const time = async (username: string) => {
      const started = performance.now();
      await requestJson(loginUrl(), { body: { username, password: "no" } });
      return performance.now() - started;
    };
    const fastest = async (username: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push(await time(username));
      return Math.min(...times);
    };
    const wrongPassword = await fastest("customer");
    const unknownUser = await fastest("nobody");
    expect(unknownUser).toBeGreaterThan(wrongPassword / 3);
  });
});
