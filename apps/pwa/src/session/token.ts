/**
 * Reads the expiry of a JWT without verifying it: the server verifies;
 * the app only wants to know whether asking it is worth a round trip.
 */

/** Seconds of margin: a token this close to expiry counts as expired. */
const MARGIN_S = 60;

export function tokenExpiry(token: string): number | null {
  const payload = token.split(".")[1];
  if (payload === undefined) return null;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
    const claims = JSON.parse(atob(base64)) as { exp?: unknown };
    return typeof claims.exp === "number" ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

export function tokenExpired(token: string, now = Date.now()): boolean {
  const expiry = tokenExpiry(token);
  return expiry !== null && expiry - MARGIN_S * 1000 <= now;
}
