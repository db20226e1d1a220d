import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { OkadaError } from "@okada/sync-rules";
import { bearerToken, createTokenService, resolveSecret } from "./tokens.ts";

const secret = "unit-test-secret";
const rider = {
  id: "rider",
  role: "rider" as const,
  name: "Rider",
  riderId: "r_dla_1",
  city: "Douala",
};

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (error) {
    return error instanceof OkadaError ? error.code : "not-coded";
  }
}

describe("tokens", () => {
  it("round-trips the user claims", async () => {
    const tokens = createTokenService({ secret });
    const user = await tokens.verify(await tokens.sign(rider));
    expect(user).toEqual(rider);
  });

  it("refuses a token signed with another secret", async () => {
    const other = createTokenService({ secret: "other" });
    const token = await other.sign(rider);
    const tokens = createTokenService({ secret });
    expect(await codeOf(tokens.verify(token))).toBe("UNAUTHENTICATED");
  });

  it("reports an expired token as TOKEN_EXPIRED", async () => {
    const tokens = createTokenService({ secret, ttlSeconds: -10 });
    const token = await tokens.sign(rider);
    expect(await codeOf(tokens.verify(token))).toBe("TOKEN_EXPIRED");
  });

  it("refuses garbage and tokens without a role", async () => {
    const tokens = createTokenService({ secret });
    expect(await codeOf(tokens.verify("not.a.jwt"))).toBe("UNAUTHENTICATED");
    const noRole = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("x")
      .setIssuer("okada-sync")
      .sign(new TextEncoder().encode(secret));
    expect(await codeOf(tokens.verify(noRole))).toBe("UNAUTHENTICATED");
  });

  it.each([
    [undefined, false],
    ["", false],
    ["Basic abc", false],
    ["Bearer", false],
    ["Bearer abc", "abc"],
    ["bearer  abc ", "abc"],
  ])("reads the Authorization header %j", (header, expected) => {
    if (expected === false) {
      expect(() => bearerToken(header)).toThrow(OkadaError);
    } else {
      expect(bearerToken(header)).toBe(expected);
    }
  });

  it("keeps a generated secret across restarts", async () => {
    const dir = await mkdtemp(join(tmpdir(), "okada-secret-"));
    try {
      const first = await resolveSecret(undefined, dir);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(await resolveSecret(undefined, dir)).toBe(first);
      expect(await resolveSecret("set", dir)).toBe("set");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
