/**
 * Tokens on `/graphql` over HTTP POST: a missing, malformed, forged or
 * expired token gets 401 in the contract's format before anything runs,
 * the push it carried stores nothing, and a good token still works.
 */
import { SignJWT, base64url } from "jose";
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

/** What test-tools configures; tokens signed with it are genuine. */
const SECRET = "test-secret-not-for-production";
const ISSUER = "okada-sync";

const products = graphqlQueryBuilders("products");

function product(id: string): GraphqlDoc<"products"> {
  return {
    id,
    storeId: "store-yde-bastos",
    name: { fr: "Lait en poudre 400 g", en: "Powdered milk 400 g" },
    category: "epicerie",
    priceXaf: 2750,
    unit: "boîte",
    active: true,
    updatedAt: "2024-05-01T08:00:00.000Z",
    _deleted: false,
  };
}

interface Claims {
  sub?: string;
  role?: string;
  iss?: string;
  /** Seconds since the epoch. */
  exp?: number;
}

async function sign(claims: Claims, secret = SECRET): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ role: claims.role ?? "admin", name: "Test" })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(claims.iss ?? ISSUER)
    .setIssuedAt(now - 60)
    .setExpirationTime(claims.exp ?? now + 3600);
  if (claims.sub !== "") jwt.setSubject(claims.sub ?? "admin");
  return jwt.sign(new TextEncoder().encode(secret));
}

/** A token whose subject was edited after signing. */
function tampered(token: string): string {
  const [header = "", payload = "", signature = ""] = token.split(".");
  const claims = JSON.parse(
    new TextDecoder().decode(base64url.decode(payload)),
  ) as Record<string, unknown>;
  const forged = base64url.encode(JSON.stringify({ ...claims, sub: "rider" }));
  return `${header}.${forged}.${signature}`;
}

/** `alg: none`: no signature at all. */
function unsigned(): string {
  const part = (value: object) => base64url.encode(JSON.stringify(value));
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${part({ alg: "none" })}.${part({
    sub: "admin",
    role: "admin",
    iss: ISSUER,
    exp,
  })}.`;
}

interface ErrorReply {
  error: { code: string; message: string };
  errors?: { message: string; extensions?: { code?: string } }[];
}

function expectCoded(res: JsonResponse, status: number, code: ErrorCode) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.body).toMatchObject({ error: { code } });
  const body = res.body as ErrorReply;
  expect(body.error.message).toMatch(/log in|Bearer/);
  expect(body.errors?.[0]?.extensions?.code).toBe(code);
  expect(res.body).not.toHaveProperty("data");
}

let ts: TestServer;
let goodToken: string;

async function expectNotStored(id: string): Promise<void> {
  const found = await ts.server.store.collection("products").getMany([id]);
  expect([...found.keys()]).toEqual([]);
}

beforeAll(async () => {
  ts = await startTestServer({ seed: true });
  // Admin may write the products of every store.
  goodToken = await login(ts.url, "admin");
});

afterAll(async () => {
  await ts?.close();
});

interface TokenCase {
  name: string;
  /** The Authorization header; undefined sends none. */
  header: () => Promise<string | undefined>;
  code: ErrorCode;
}

const bearer = async (token: Promise<string>) => `Bearer ${await token}`;
const past = () => Math.floor(Date.now() / 1000) - 3600;

const cases: TokenCase[] = [
  {
    name: "no Authorization header",
    header: () => Promise.resolve(undefined),
    code: "UNAUTHENTICATED",
  },
  {
    name: "an empty header",
    header: () => Promise.resolve(""),
    code: "UNAUTHENTICATED",
  },
  {
    name: "Basic credentials",
    header: () => Promise.resolve("Basic c3RhZmY6b2thZGE="),
    code: "UNAUTHENTICATED",
  },
  {
    name: "Bearer without a token",
    header: () => Promise.resolve("Bearer"),
    code: "UNAUTHENTICATED",
  },
  {
    name: "a token without the Bearer scheme",
    header: () => Promise.resolve(goodToken),
    code: "UNAUTHENTICATED",
  },
  {
    name: "two tokens",
    header: () => Promise.resolve(`Bearer ${goodToken} ${goodToken}`),
    code: "UNAUTHENTICATED",
  },
  {
    name: "a token that is not a JWT",
    header: () => Promise.resolve("Bearer not.a.jwt"),
    code: "UNAUTHENTICATED",
  },
  {
    name: "a token signed with another secret",
    header: () => bearer(sign({}, "another-secret")),
    code: "UNAUTHENTICATED",
  },
  {
    name: "a token whose payload was edited",
    header: () => Promise.resolve(`Bearer ${tampered(goodToken)}`),
    code: "UNAUTHENTICATED",
  },
  {
    name: "an unsigned token (alg none)",
    header: () => Promise.resolve(`Bearer ${unsigned()}`),
    code: "UNAUTHENTICATED",
  },
  {
    name: "a token from another issuer",
    header: () => bearer(sign({ iss: "someone-else" })),
    code: "UNAUTHENTICATED",
  },
  {
    name: "a token with no subject",
    header: () => bearer(sign({ sub: "" })),
    code: "UNAUTHENTICATED",
  },
  {
    name: "a token with an unknown role",
    header: () => bearer(sign({ role: "superuser" })),
    code: "UNAUTHENTICATED",
  },
  {
    name: "an expired token signed with another secret",
    header: () => bearer(sign({ exp: past() }, "another-secret")),
    code: "UNAUTHENTICATED",
  },
  {
    name: "an expired token",
    header: () => bearer(sign({ exp: past() })),
    code: "TOKEN_EXPIRED",
  },
];

describe("tokens on /graphql", () => {
  it.each(cases)("$name: 401 $code", async ({ name, header, code }) => {
    const id = `auth-${name.replace(/\W+/g, "-")}`;
    const authorization = await header();
    const res = await requestJson(ts.graphqlUrl, {
      body: products.pushQueryBuilder([{ newDocumentState: product(id) }]),
      ...(authorization === undefined ? {} : { headers: { authorization } }),
    });
    expectCoded(res, 401, code);
    await expectNotStored(id);

    const pull = products.pullQueryBuilder(undefined, 1);
    const good = await requestJson(ts.graphqlUrl, {
      body: pull,
      token: goodToken,
    });
    expect(good.status).toBe(200);
  });

  it("a token signed with the server's secret is accepted", async () => {
    const id = "auth-genuine";
    const res = await requestJson(ts.graphqlUrl, {
      body: products.pushQueryBuilder([{ newDocumentState: product(id) }]),
      token: await sign({}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const found = await ts.server.store.collection("products").getMany([id]);
    expect([...found.keys()]).toEqual([id]);
  });

  it("the scheme is matched case-insensitively, as HTTP does", async () => {
    const res = await requestJson(ts.graphqlUrl, {
      body: products.pullQueryBuilder(undefined, 1),
      headers: { authorization: `bearer ${goodToken}` },
    });
    expect(res.status).toBe(200);
  });
});
