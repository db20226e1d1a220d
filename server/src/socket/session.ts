/**
 * Who is on a socket and until when. The handshake verifies the token
 * once; every request verifies it again (an HMAC, microseconds), so a
 * session never outlives its token by more than one request.
 */
import { decodeJwt } from "jose";
import { OkadaError } from "@okada/sync-rules";
import type { TokenService } from "../auth/tokens.ts";
import type { SyncUser } from "../sync/user.ts";

export interface Session {
  user: SyncUser;
  /** Kept to verify again per request; never logged. */
  token: string;
  /** When the token expires, in ms since the epoch; undefined: never. */
  expiresAt: number | undefined;
}

/** What socket.io sends to the client as `connect_error`'s `data`. */
export interface HandshakeError extends Error {
  data: { code: OkadaError["code"]; message: string };
}

export function handshakeError(error: OkadaError): HandshakeError {
  const data = { code: error.code, message: error.message };
  return Object.assign(new Error(error.message), { data });
}

/** The token of a handshake's `auth: { token }`. */
export function handshakeToken(auth: unknown): string {
  const token =
    typeof auth === "object" && auth !== null
      ? (auth as { token?: unknown }).token
      : undefined;
  if (typeof token !== "string" || token === "") {
    throw new OkadaError(
      "UNAUTHENTICATED",
      "Send the token from POST /v1/auth/login in the handshake as " +
        "`auth: { token }`.",
    );
  }
  return token;
}

export async function openSession(
  tokens: TokenService,
  auth: unknown,
): Promise<Session> {
  const token = handshakeToken(auth);
  const user = await tokens.verify(token);
  // Verified above, so the claims can be trusted.
  const { exp } = decodeJwt(token);
  const expiresAt = typeof exp === "number" ? exp * 1000 : undefined;
  return { user, token, expiresAt };
}

/** Throws UNAUTHENTICATED or TOKEN_EXPIRED when the token no longer holds. */
export async function checkSession(
  tokens: TokenService,
  session: Session,
): Promise<void> {
  await tokens.verify(session.token);
}

export function isAuthError(error: OkadaError): boolean {
  return error.code === "TOKEN_EXPIRED" || error.code === "UNAUTHENTICATED";
}
