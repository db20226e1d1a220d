/** Okada's stores: catalogue data, run by admins; staff open and close. */
import type { StoreDoc } from "../../schemas/stores.ts";
import type { Wire } from "../define.ts";
import { defineRules } from "../define.ts";
import { scope, staffOf } from "./relations.ts";

export const storesRules = defineRules<Wire<StoreDoc>>({
  collection: "stores",
  noun: "store",
  scopes: (store) => [
    ...scope("city", store.city),
    ...scope("store", store.id),
  ],
  relations: { storeStaff: staffOf((store) => store.id) },
  fields: [{ paths: ["open", "hours"], by: ["storeStaff"] }],
  immutable: ["id"],
});
