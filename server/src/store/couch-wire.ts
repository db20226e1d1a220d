/**
 * Checks on CouchDB's JSON answers, applied where they enter the store. An
 * answer of the wrong shape means a server this code was not written for,
 * so it fails as INTERNAL rather than as something worth retrying.
 */
import { unexpectedReply } from "./couch-errors.ts";
import type { StoredDoc } from "./types.ts";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown, what: string): JsonObject {
  if (isObject(value)) return value;
  throw unexpectedReply(what);
}

export function asArray(value: unknown, what: string): unknown[] {
  if (Array.isArray(value)) return value as unknown[];
  throw unexpectedReply(what);
}

export function asString(value: unknown, what: string): string {
  if (typeof value === "string") return value;
  throw unexpectedReply(what);
}

export function asNumber(value: unknown, what: string): number {
  if (typeof value === "number") return value;
  throw unexpectedReply(what);
}

export function asStoredDoc(value: unknown, what: string): StoredDoc {
  const doc = asObject(value, what);
  asString(doc["_id"], what);
  return doc as StoredDoc;
}

/**
 * CouchDB 3 sends sequences as strings, the embedded PouchDB server as
 * numbers. Both become strings that are only ever handed back as `since`.
 */
export function asSeq(value: unknown, what: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw unexpectedReply(what);
}
