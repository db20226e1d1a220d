/** Documents and store look-ups for the tests beside this file. */
import type { CollectionName, WireDoc } from "@okada/sync-rules";
import type { TestServer } from "@okada/test-tools";
import { toWire } from "../sync/wire.ts";

export const T0 = "2024-05-01T08:00:00.000Z";

/** A pending cash order of the demo customer. */
export function order(id: string, text = "Carrefour Ndokoti"): WireDoc {
  return {
    id,
    customerId: "customer",
    storeId: "store-dla-akwa",
    items: [{ productId: "prod-riz-5kg", qty: 2, unitPriceXaf: 6500 }],
    totalXaf: 13000,
    deliveryAddress: { text, city: "Douala" },
    payment: { method: "cash", status: "pending" },
    status: "pending",
    statusHistory: [{ status: "pending", at: T0, by: "customer" }],
    createdAt: T0,
    updatedAt: T0,
    _deleted: false,
  };
}

export function product(id: string, priceXaf: unknown = 6500): WireDoc {
  return {
    id,
    storeId: "store-dla-akwa",
    name: { fr: "Riz parfumé 5 kg", en: "Fragrant rice 5 kg" },
    category: "epicerie",
    priceXaf,
    unit: "sac",
    active: true,
    updatedAt: T0,
    _deleted: false,
  };
}

/** What the store holds of `ids`, as the wire shows it. */
export async function storedDocs(
  ts: TestServer,
  collection: CollectionName,
  ids: readonly string[],
): Promise<WireDoc[]> {
  const found = await ts.server.store.collection(collection).getMany(ids);
  return [...found.values()].map((current) => toWire(current.doc));
}
