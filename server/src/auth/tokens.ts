import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SignJWT, errors as joseErrors, jwtVerify } from "jose";
import { OkadaError } from "@okada/sync-rules";
import type { Role, SyncUser } from "../sync/user.ts";

const ISSUER = "okada-sync";
const ROLES: readonly Role[] = ["customer", "rider", "staff", "admin"];

export interface TokenService {
  sign(user: SyncUser): Promise<string>;
  /** Throws UNAUTHENTICATED or TOKEN_EXPIRED. */
  verify(token: string): Promise<SyncUser>;
}

export interface TokenOptions {
  secret: string;
  /** Token lifetime in seconds; default 12 hours (a rider's shift). */
  ttlSeconds?: number;
}

export function createTokenService(options: TokenOptions): TokenService {
  const key = new TextEncoder().encode(options.secret);
  const ttl = options.ttlSeconds ?? 12 * 3600;
  return {
    async sign(user) {
      const claims: Record<string, string> = {
        role: user.role,
        name: user.name,
      };
      if (user.storeId) claims["storeId"] = user.storeId;
      if (user.riderId) claims["riderId"] = user.riderId;
      if (user.city) claims["city"] = user.city;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(user.id)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttl)
        .sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          algorithms: ["HS256"],
        });
        return userFromClaims(payload);
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) {
          throw new OkadaError(
            "TOKEN_EXPIRED",
            "Your session has expired; log in again.",
          );
        }
        if (error instanceof OkadaError) throw error;
        throw new OkadaError(
          "UNAUTHENTICATED",
          "The token is not valid; log in again.",
        );
      }
    },
  };
}

function userFromClaims(payload: Record<string, unknown>): SyncUser {
  const { sub, role, name, storeId, riderId, city } = payload;
  if (typeof sub !== "string" || !ROLES.includes(role as Role)) {
    throw new OkadaError(
      "UNAUTHENTICATED",
      "The token carries no user; log in again.",
    );
  }
  const user: SyncUser = {
    id: sub,
    role: role as Role,
    name: typeof name === "string" ? name : sub,
  };
  if (typeof storeId === "string") user.storeId = storeId;
  if (typeof riderId === "string") user.riderId = riderId;
  if (typeof city === "string") user.city = city;
  return user;
}

/**
 * Reads `Authorization: Bearer <token>`. Missing or malformed headers are
 * UNAUTHENTICATED, so clients know to log in rather than to retry.
 */
export function bearerToken(header: unknown): string {
  if (typeof header !== "string" || header === "") {
    throw new OkadaError(
      "UNAUTHENTICATED",
      "Send the token from POST /v1/auth/login as " +
        "`Authorization: Bearer <token>`.",
    );
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) {
    throw new OkadaError(
      "UNAUTHENTICATED",
      "The Authorization header must read `Bearer <token>`.",
    );
  }
  return match[1];
}

/**
 * A secret that survives restarts so tokens stay valid: JWT_SECRET when
 * set, otherwise one generated once into the data directory.
 */
export async function resolveSecret(
  configured: string | undefined,
  dataDir: string,
): Promise<string> {
  if (configured) return configured;
  const file = join(dataDir, "jwt-secret");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("hex");
    await writeFile(file, secret, { mode: 0o600, flag: "wx" }).catch(
      () => undefined,
    );
    return (await readFile(file, "utf8")).trim();
  }
}
