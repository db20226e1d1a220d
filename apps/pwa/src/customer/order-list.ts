import type { OrderDoc, StoreDoc } from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { dateTime, money, orderRef } from "../i18n/format.ts";
import { t } from "../i18n/lang.ts";
import { StatusBadge, WaitingBadge, isFinal } from "../orders/order-parts.ts";
import { link } from "../ui/route.ts";
import { useStore } from "../ui/store.ts";
import { useDocs } from "../ui/use-docs.ts";
import { useObservable } from "../ui/use-observable.ts";
import { useWorkspace } from "../workspace/context.ts";

/** The customer's orders: current ones first, then the history. */
export function OrderList(): JSX.Element {
  const { db, user, sync, journal } = useWorkspace();
  useStore(journal.entries);
  const status = useObservable(() => sync.status$, sync.status, [sync]);
  const orders = useDocs<OrderDoc>(
    () =>
      db.orders.find({
        selector: { customerId: user.id },
        sort: [{ id: "desc" }],
      }).$,
    [db, user.id],
  );
  const stores = useDocs<StoreDoc>(() => db.stores.find().$, [db]);
  const storeName = new Map(stores.map((s) => [s.id, s.name]));
  const row = (order: OrderDoc): JSX.Element =>
    h(
      "li",
      { key: order.id },
      h(
        "a",
        {
          href: link("order", order.id),
          class: "card order-row",
          "data-order": order.id,
        },
        h("strong", null, orderRef(order.id)),
        h("span", null, storeName.get(order.storeId) ?? order.storeId),
        h("span", { class: "muted" }, dateTime(order.createdAt)),
        h("span", { class: "price" }, money(order.totalXaf)),
        h(StatusBadge, { status: order.status }),
        journal.waiting("orders", order.id, status)
          ? h(WaitingBadge, {})
          : null,
      ),
    );
  const current = orders.filter((o) => !isFinal(o.status));
  const past = orders.filter((o) => isFinal(o.status));
  return h(
    "section",
    { class: "orders", "data-testid": "orders" },
    h("h2", null, t("orders.current")),
    current.length === 0 ? h("p", { class: "empty" }, t("orders.none")) : null,
    h("ul", { class: "cards" }, current.map(row)),
    past.length > 0 ? h("h2", null, t("orders.history")) : null,
    h("ul", { class: "cards" }, past.map(row)),
  );
}
