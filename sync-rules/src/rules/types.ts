/**
 * The vocabulary every rule speaks: who is acting and what a write check
 * answers.
 */
import type { ErrorCode } from "../errors.ts";

/**
 * Who is acting. `server` is the sync server itself when it reconciles
 * (reservations, intake results); no token ever carries it.
 */
export type Role = "customer" | "rider" | "staff" | "admin" | "server";

/**
 * The acting user, built from verified token claims only. The server's
 * `SyncUser` fits this shape.
 */
export interface RuleUser {
  id: string;
  role: Role;
  /** Staff: the store they work at. */
  storeId?: string;
  /** Riders: the id of their rider document (not their user id). */
  riderId?: string;
  /** The city whose catalogue and riders the user works with. */
  city?: string;
}

/** A refused write: a stable code for programs, a message for people. */
export interface Refusal {
  ok: false;
  code: ErrorCode;
  message: string;
}

export type WriteVerdict = { ok: true } | Refusal;

export const ALLOWED: { readonly ok: true } = Object.freeze({ ok: true });

export function refuse(code: ErrorCode, message: string): Refusal {
  return { ok: false, code, message };
}

/** "order ord_1 …" at the start of a sentence: "Order ord_1 …". */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
