/** Admins get an overview: orders per store and status, read only. */
import {
  ORDER_STATUSES,
  type OrderDoc,
  type StoreDoc,
} from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { t } from "../i18n/lang.ts";
import { STATUS_KEYS } from "../orders/order-parts.ts";
import { useDocs } from "../ui/use-docs.ts";
import { useWorkspace } from "../workspace/context.ts";

export function AdminScreens(): JSX.Element {
  const { db } = useWorkspace();
  const stores = useDocs<StoreDoc>(() => db.stores.find().$, [db]);
  const orders = useDocs<OrderDoc>(() => db.orders.find().$, [db]);
  const count = (storeId: string, status: string): number =>
    orders.filter((o) => o.storeId === storeId && o.status === status).length;
  return h(
    "section",
    { class: "admin", "data-testid": "admin" },
    h("h2", null, t("admin.title")),
    h(
      "table",
      null,
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          h("th", null, t("admin.store")),
          ORDER_STATUSES.map((s) => h("th", { key: s }, t(STATUS_KEYS[s]))),
        ),
      ),
      h(
        "tbody",
        null,
        stores.map((store) =>
          h(
            "tr",
            { key: store.id },
            h("td", null, `${store.name} (${store.city})`),
            ORDER_STATUSES.map((s) =>
              h("td", { key: s }, String(count(store.id, s))),
            ),
          ),
        ),
      ),
    ),
  );
}
