/**
 * The catalog scenarios, as the admin (who sees everything, so every
 * approach moves the same documents):
 *
 * - `catalog-cold`: 10 stores, 2,000 products and 2,000 stock documents
 *   (and the 12 riders) into an empty client;
 * - `catalog-incremental`: a synced client is offline while 50 products
 *   change price on the server, then catches up.
 */
import type { ProductDoc } from "@okada/sync-rules";
import { ADMIN } from "../harness/env.ts";
import {
  expectedCounts,
  holdsCounts,
  serverPush,
  syncUserOf,
  visibleDocs,
} from "./server-side.ts";
import type { SyncScenario } from "./types.ts";

export const catalogCold: SyncScenario = {
  name: "catalog-cold",
  user: "admin",
  cold: true,
  async prepare(env, approach) {
    const user = await syncUserOf(env, "admin");
    const expected = await expectedCounts(env, approach, user);
    return { done: (client) => holdsCounts(client, expected) };
  },
};

/** How many products change price. */
export const PRICE_CHANGES = 50;

/** A 5 % rise, rounded to 25 XAF as shop prices are. */
export function raisedPrice(priceXaf: number): number {
  return Math.max(25, Math.round((priceXaf * 1.05) / 25) * 25);
}

export const catalogIncremental: SyncScenario = {
  name: "catalog-incremental",
  user: "admin",
  cold: false,
  async prepare(env) {
    const all = await visibleDocs(env, ADMIN, "products");
    all.sort((a, b) => (a.id < b.id ? -1 : 1));
    const step = Math.floor(all.length / PRICE_CHANGES);
    const picked = all.filter((_, i) => i % step === 0).slice(0, PRICE_CHANGES);
    const prices = new Map<string, number>();
    return {
      async whileOffline() {
        const updatedAt = new Date().toISOString();
        const rows = picked.map((master) => {
          const product = master as unknown as ProductDoc;
          const priceXaf = raisedPrice(product.priceXaf);
          prices.set(master.id, priceXaf);
          const next = { ...master, priceXaf, updatedAt };
          return { assumedMasterState: master, newDocumentState: next };
        });
        await serverPush(env, ADMIN, "products", rows);
      },
      async done(client) {
        for (const [id, priceXaf] of prices) {
          const local = await client.get("products", id);
          if (local?.["priceXaf"] !== priceXaf) return false;
        }
        return true;
      },
    };
  },
};
