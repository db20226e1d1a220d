/** The customer's app: stores, a store's catalogue, cart, orders. */
import { FINAL_ORDER_STATUSES } from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { t } from "../i18n/lang.ts";
import { link, useRoute } from "../ui/route.ts";
import { useObservable } from "../ui/use-observable.ts";
import { useWorkspace } from "../workspace/context.ts";
import { Catalog } from "./catalog.ts";
import { CheckoutScreen } from "./checkout.ts";
import { OrderDetail } from "./order-detail.ts";
import { OrderList } from "./order-list.ts";
import { StoreList } from "./store-list.ts";

function Page(): JSX.Element {
  const [page, id] = useRoute();
  if (page === "store" && id !== undefined) return h(Catalog, { storeId: id });
  if (page === "cart" && id !== undefined) {
    return h(CheckoutScreen, { storeId: id });
  }
  if (page === "orders") return h(OrderList, {});
  if (page === "order" && id !== undefined) {
    return h(OrderDetail, { orderId: id });
  }
  return h(StoreList, {});
}

function Tabs(): JSX.Element {
  const { db, user } = useWorkspace();
  const [page] = useRoute();
  const open = useObservable(
    () =>
      db.orders.count({
        selector: {
          customerId: user.id,
          status: { $nin: [...FINAL_ORDER_STATUSES] },
        },
      }).$,
    0,
    [db, user.id],
  );
  const onOrders = page === "orders" || page === "order";
  return h(
    "nav",
    { class: "tabs" },
    h(
      "a",
      { href: link("stores"), class: onOrders ? "" : "on" },
      t("nav.stores"),
    ),
    h(
      "a",
      {
        href: link("orders"),
        class: onOrders ? "on" : "",
        "data-testid": "nav-orders",
      },
      t("nav.orders"),
      open > 0 ? h("span", { class: "count" }, String(open)) : null,
    ),
  );
}

export function CustomerScreens(): JSX.Element {
  return h("div", { class: "customer" }, h(Tabs, {}), h(Page, {}));
}
