/**
 * Who reads what: the scopes of a document and of a user, and the read
 * check the server runs on every document it sends, on every transport.
 */
import type { CollectionName } from "../../collections.ts";
import type { WireDoc } from "../../protocol.ts";
import type { RuleUser } from "../types.ts";
import { OKADA_RULES } from "./index.ts";
import type { StoreDirectory } from "./user-scopes.ts";
import { okadaUserScopes } from "./user-scopes.ts";

/**
 * The scopes `doc` belongs to, from the document alone.
 *
 * @example
 * docScopes("orders", order);
 * // ["customer:customer", "store:st_dla_akwa", "rider:rd_dla_01"]
 */
export function docScopes(collection: CollectionName, doc: WireDoc): string[] {
  return OKADA_RULES[collection].scopes(doc);
}

/**
 * The scopes `user` reads; `"all"` for admins and the server. Without a
 * `directory`, users read no catalogue beyond their own store's.
 */
export function userScopes(
  user: RuleUser,
  directory?: StoreDirectory,
): string[] | "all" {
  return okadaUserScopes(user, directory);
}

/**
 * A read check with the user's scopes worked out once, for checking many
 * documents (a pull page, a live stream).
 */
export function createReader(
  user: RuleUser,
  directory?: StoreDirectory,
): (collection: CollectionName, doc: WireDoc) => boolean {
  const scopes = userScopes(user, directory);
  if (scopes === "all") return () => true;
  const held = new Set(scopes);
  return (collection, doc) =>
    docScopes(collection, doc).some((scope) => held.has(scope));
}

/** May `user` read `doc`? True when they share a scope. */
export function canRead(
  user: RuleUser,
  collection: CollectionName,
  doc: WireDoc,
  directory?: StoreDirectory,
): boolean {
  return createReader(user, directory)(collection, doc);
}
