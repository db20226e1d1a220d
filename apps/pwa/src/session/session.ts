/**
 * Who is signed in on this device. The session (token and user) is kept
 * in localStorage so that the app opens offline; the token is renewed by
 * signing in again, which keeps every change waiting in the outbox.
 */
import type { RuleUser } from "@okada/sync-rules";
import { isRecord, readLocal, writeLocal } from "../ui/local.ts";
import { createStore } from "../ui/store.ts";
import { tokenExpired } from "./token.ts";

export type AppRole = "customer" | "rider" | "staff" | "admin";

export interface SessionUser extends RuleUser {
  role: AppRole;
  name: string;
}

export interface Session {
  token: string;
  user: SessionUser;
}

const KEY = "okada.session";
const ROLES: readonly string[] = ["customer", "rider", "staff", "admin"];

/** Checks a login answer or a stored session; null when it is neither. */
export function parseSession(value: unknown): Session | null {
  if (!isRecord(value) || typeof value["token"] !== "string") return null;
  const user = value["user"];
  if (
    !isRecord(user) ||
    typeof user["id"] !== "string" ||
    typeof user["name"] !== "string" ||
    typeof user["role"] !== "string" ||
    !ROLES.includes(user["role"])
  ) {
    return null;
  }
  const session: Session = {
    token: value["token"],
    user: { id: user["id"], name: user["name"], role: user["role"] as AppRole },
  };
  for (const field of ["storeId", "riderId", "city"] as const) {
    const claim = user[field];
    if (typeof claim === "string") session.user[field] = claim;
  }
  return session;
}

export const session = createStore<Session | null>(
  parseSession(readLocal(KEY)),
);

session.subscribe((value) => writeLocal(KEY, value ?? undefined));

/** True while sync waits for the user to sign in again. */
export const sessionExpired = createStore(false);

let renewed: Array<(token: string) => void> = [];

/**
 * The token sync should use. When it has expired, resolves only after
 * the same user signs in again (`signIn`); sync waits meanwhile and
 * loses nothing.
 */
export function freshToken(): Promise<string> {
  const current = session.get();
  if (current !== null && !tokenExpired(current.token)) {
    return Promise.resolve(current.token);
  }
  sessionExpired.set(true);
  return new Promise((resolve) => renewed.push(resolve));
}

/** Stores a new session; a different user starts afresh. */
export function signIn(next: Session): void {
  session.set(next);
  sessionExpired.set(false);
  const waiting = renewed;
  renewed = [];
  for (const resolve of waiting) resolve(next.token);
}

export function signOut(): void {
  renewed = [];
  sessionExpired.set(false);
  session.set(null);
}
