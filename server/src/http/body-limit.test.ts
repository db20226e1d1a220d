/**
 * Request bodies over the documented limit (MAX_BODY_BYTES, 1 MiB) or in
 * an encoding the server does not read, on a real server: 413 or 415 in
 * the contract's format, before anything is parsed or stored, and the
 * next good request works.
 */
import { request } from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  graphqlQueryBuilders,
  type ErrorCode,
  type GraphqlDoc,
} from "@okada/sync-rules";
import {
  login,
  requestJson,
  startTestServer,
  type JsonResponse,
  type TestServer,
} from "@okada/test-tools";
import { MAX_BODY_BYTES } from "./app.ts";

const products = graphqlQueryBuilders("products");

function product(id: string): GraphqlDoc<"products"> {
  return {
    id,
    storeId: "store-dla-bonapriso",
    name: { fr: "Eau minérale 1,5 l", en: "Mineral water 1.5 l" },
    category: "boissons",
    priceXaf: 400,
    unit: "bouteille",
    active: true,
    updatedAt: "2024-05-01T08:00:00.000Z",
    _deleted: false,
  };
}

/** Gzip as a plain Uint8Array, which fetch's types accept. */
function gzip(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(gzipSync(text));
}

/** A valid push of `id` whose JSON text is `bytes` long. */
function pushText(id: string, bytes: number): string {
  const push = products.pushQueryBuilder([{ newDocumentState: product(id) }]);
  const text = JSON.stringify(push);
  // Whitespace in the query costs no GraphQL tokens.
  const padding = " ".repeat(Math.max(0, bytes - Buffer.byteLength(text)));
  return JSON.stringify({ ...push, query: push.query + padding });
}

interface ErrorReply {
  error: { code: string; message: string };
}

function expectCoded(res: JsonResponse, status: number, code: ErrorCode) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.body).toMatchObject({ error: { code } });
  expect((res.body as ErrorReply).error.message.length).toBeGreaterThan(10);
}

let ts: TestServer;
let token: string;

async function stored(id: string): Promise<string[]> {
  const found = await ts.server.store.collection("products").getMany([id]);
  return [...found.keys()];
}

async function expectStillServing(): Promise<void> {
  expect(await login(ts.url, "customer")).toMatch(/\./);
  const pull = products.pullQueryBuilder(undefined, 1);
  const res = await requestJson(ts.graphqlUrl, { body: pull, token });
  expect(res.status).toBe(200);
}

/** POSTs `body` in chunks with no Content-Length, as a stream would. */
function postChunked(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (typeof value === "string") responseHeaders.set(name, value);
        }
        resolve({
          status: res.statusCode ?? 0,
          headers: responseHeaders,
          body: JSON.parse(text) as unknown,
        });
      });
    });
    // The server may answer 413 and close before the upload ends.
    req.on("error", reject);
    const chunk = 64 * 1024;
    for (let at = 0; at < body.length; at += chunk) {
      req.write(body.slice(at, at + chunk));
    }
    req.end();
  });
}

beforeAll(async () => {
  ts = await startTestServer({ seed: true });
  // Admin may write the products of every store.
  token = await login(ts.url, "admin");
});

afterAll(async () => {
  await ts?.close();
});

describe(`bodies over ${MAX_BODY_BYTES} bytes`, () => {
  it("a login: 413 PAYLOAD_TOO_LARGE", async () => {
    const res = await requestJson(`${ts.url}/v1/auth/login`, {
      body: { username: "customer", password: "x".repeat(MAX_BODY_BYTES) },
    });
    expectCoded(res, 413, "PAYLOAD_TOO_LARGE");
    await expectStillServing();
  });

  it("a push one byte over: 413 PAYLOAD_TOO_LARGE, nothing stored", async () => {
    const rawBody = pushText("too-large-by-one", MAX_BODY_BYTES + 1);
    expect(Buffer.byteLength(rawBody)).toBe(MAX_BODY_BYTES + 1);
    const res = await requestJson(ts.graphqlUrl, { rawBody, token });
    expectCoded(res, 413, "PAYLOAD_TOO_LARGE");
    // GraphQL clients read `errors`, so the code is there too.
    expect(res.body).toMatchObject({
      errors: [{ extensions: { code: "PAYLOAD_TOO_LARGE" } }],
    });
    expect(await stored("too-large-by-one")).toEqual([]);
    await expectStillServing();
  });

  it("a push right at the limit goes through", async () => {
    const rawBody = pushText("at-the-limit", MAX_BODY_BYTES);
    expect(Buffer.byteLength(rawBody)).toBe(MAX_BODY_BYTES);
    const res = await requestJson(ts.graphqlUrl, { rawBody, token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await stored("at-the-limit")).toEqual(["at-the-limit"]);
  });

  it("a chunked push with no Content-Length: 413, nothing stored", async () => {
    const body = pushText("too-large-chunked", 2 * MAX_BODY_BYTES);
    const res = await postChunked(ts.graphqlUrl, body, {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
    });
    expectCoded(res, 413, "PAYLOAD_TOO_LARGE");
    expect(await stored("too-large-chunked")).toEqual([]);
    await expectStillServing();
  });

  it("a small gzip body that inflates past the limit: 413", async () => {
    const body = gzip(pushText("gzip-bomb", 4 * MAX_BODY_BYTES));
    expect(body.length).toBeLessThan(MAX_BODY_BYTES / 100);
    const res = await fetch(ts.graphqlUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-encoding": "gzip",
        authorization: `Bearer ${token}`,
      },
      body,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: { code: "PAYLOAD_TOO_LARGE" },
    });
    expect(await stored("gzip-bomb")).toEqual([]);
    await expectStillServing();
  });

  it("a gzip body under the limit is read", async () => {
    const res = await fetch(`${ts.url}/v1/auth/login`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-encoding": "gzip",
      },
      body: gzip(JSON.stringify({ username: "rider", password: "okada" })),
    });
    expect(res.status).toBe(200);
  });
});

describe("bodies the server cannot read", () => {
  const login = JSON.stringify({ username: "customer", password: "okada" });
  const cases: {
    name: string;
    headers: Record<string, string>;
    rawBody: string;
    status: number;
    code: ErrorCode;
  }[] = [
    {
      name: "a charset other than UTF-8",
      headers: { "content-type": "application/json; charset=latin1" },
      rawBody: login,
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
    },
    {
      name: "an unknown content encoding",
      headers: { "content-encoding": "compress" },
      rawBody: login,
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
    },
    {
      name: "gzip declared but not sent",
      headers: { "content-encoding": "gzip" },
      rawBody: login,
      status: 400,
      code: "BAD_REQUEST",
    },
  ];

  it.each(cases)("$name: $status $code", async ({ status, code, ...init }) => {
    const res = await requestJson(`${ts.url}/v1/auth/login`, init);
    expectCoded(res, status, code);
    await expectStillServing();
  });
});
