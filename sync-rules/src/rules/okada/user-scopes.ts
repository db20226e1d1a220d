/**
 * Which scopes a user reads, from their token claims.
 *
 * Scope kinds, each with one meaning (documents in it; who holds it):
 *
 * - `customer:<id>`: the customer's orders; that customer.
 * - `store:<id>`: the store's orders and store doc; its staff.
 * - `rider:<id>`: orders assigned, the rider's doc; that rider.
 * - `city:<city>`: stores in the city; everyone in the city.
 * - `catalogue:<id>`: the store's products and stock; everyone in the
 *   store's city, and the store's staff.
 * - `fleet:<city>`: riders of the city; staff of stores in the city.
 *
 * Products and stock name only their store, and a customer's orders
 * share `store:<id>` with staff, so catalogue access cannot be the
 * `store:` scope: a customer holding `store:<id>` would read that
 * store's orders. Instead the user side is expanded: a user in a city
 * holds `catalogue:<id>` for every store in it, looked up in a
 * `StoreDirectory` the server builds from the stores collection.
 */
import type { RuleUser } from "../types.ts";
import { scope } from "./relations.ts";

/** Which stores are in which city; the server keeps one current. */
export interface StoreDirectory {
  storesIn(city: string): readonly string[];
}

/**
 * A directory from store documents (deleted ones are left out).
 *
 * @example
 * const directory = storeDirectory(await stores.all());
 * userScopes(customer, directory); // [..., "catalogue:st_dla_akwa", ...]
 */
export function storeDirectory(
  stores: Iterable<{ id: string; city: string; _deleted?: boolean }>,
): StoreDirectory {
  const byCity = new Map<string, string[]>();
  for (const store of stores) {
    if (store._deleted === true) continue;
    const ids = byCity.get(store.city) ?? [];
    ids.push(store.id);
    byCity.set(store.city, ids);
  }
  for (const ids of byCity.values()) ids.sort();
  return { storesIn: (city) => byCity.get(city) ?? [] };
}

/** The directory with no stores: users read no catalogue by city. */
export const EMPTY_DIRECTORY: StoreDirectory = { storesIn: () => [] };

function cityScopes(user: RuleUser, directory: StoreDirectory): string[] {
  if (user.city === undefined) return [];
  return [
    ...scope("city", user.city),
    ...directory.storesIn(user.city).map((id) => `catalogue:${id}`),
  ];
}

/** A user's scopes; admins and the server read everything. */
export function okadaUserScopes(
  user: RuleUser,
  directory: StoreDirectory = EMPTY_DIRECTORY,
): string[] | "all" {
  switch (user.role) {
    case "admin":
    case "server":
      return "all";
    case "customer":
      return [...scope("customer", user.id), ...cityScopes(user, directory)];
    case "rider":
      return [...scope("rider", user.riderId), ...cityScopes(user, directory)];
    case "staff":
      return [
        ...new Set([
          ...scope("store", user.storeId),
          ...scope("catalogue", user.storeId),
          ...scope("fleet", user.city),
          ...cityScopes(user, directory),
        ]),
      ];
  }
}
