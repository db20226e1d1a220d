/**
 * `order-offline`: a synced customer places 3 orders of 3 to 6 items
 * while offline, then reconnects.
 */
import type { ProductDoc } from "@okada/sync-rules";
import type { PlainDoc } from "../clients/types.ts";
import { BenchError } from "../harness/errors.ts";
import { pendingOrder, seededRandom } from "./orders.ts";
import { serverDocs, syncUserOf, visibleDocs } from "./server-side.ts";
import type { SyncScenario } from "./types.ts";

export const OFFLINE_ORDERS = [3, 5, 6] as const;

export const orderOffline: SyncScenario = {
  name: "order-offline",
  user: "customer",
  cold: false,
  async prepare(env) {
    const customer = await syncUserOf(env, "customer");
    const catalogue = (await visibleDocs(env, customer, "products")).map(
      (doc) => doc as unknown as ProductDoc,
    );
    const storeId = catalogue[0]?.storeId;
    if (storeId === undefined) {
      throw new BenchError("SETUP", "The customer sees no products.");
    }
    const products = catalogue.filter((p) => p.storeId === storeId);
    const random = seededRandom(3);
    const ids: string[] = [];
    return {
      async whileOffline(client) {
        const start = Date.now();
        for (const [i, itemCount] of OFFLINE_ORDERS.entries()) {
          const order = pendingOrder({
            customerId: customer.id,
            storeId,
            products,
            itemCount,
            createdAt: start - (OFFLINE_ORDERS.length - i) * 90_000,
            random,
          });
          ids.push(order.id);
          await client.put("orders", order as unknown as PlainDoc);
        }
      },
      async done() {
        return (await serverDocs(env, "orders", ids)).length === ids.length;
      },
    };
  },
};
