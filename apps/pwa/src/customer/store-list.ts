import type { StoreDoc } from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { t, tn } from "../i18n/lang.ts";
import { link } from "../ui/route.ts";
import { useStore } from "../ui/store.ts";
import { useDocs } from "../ui/use-docs.ts";
import { openNow } from "../orders/store-hours.ts";
import { useWorkspace } from "../workspace/context.ts";
import { cartsOf, itemCount } from "./cart.ts";

export function StoreHours({ store }: { store: StoreDoc }): JSX.Element {
  const now = openNow(store);
  const hours =
    store.hours.opens === store.hours.closes
      ? t("store.allDay")
      : t("store.open", {
          opens: store.hours.opens,
          closes: store.hours.closes,
        });
  return h(
    "span",
    { class: now ? "open" : "closed" },
    store.open ? hours : t("store.closed"),
    store.open && !now ? ` · ${t("store.closedNow")}` : "",
  );
}

/** The stores of the customer's city. */
export function StoreList(): JSX.Element {
  const { db, user } = useWorkspace();
  const carts = useStore(cartsOf(user.id));
  const stores = useDocs<StoreDoc>(
    () =>
      db.stores.find(
        user.city === undefined ? {} : { selector: { city: user.city } },
      ).$,
    [db, user.city],
  );
  stores.sort((a, b) => a.name.localeCompare(b.name));
  return h(
    "section",
    { class: "stores", "data-testid": "stores" },
    h("h2", null, t("stores.title", { city: user.city ?? "" })),
    stores.length === 0 ? h("p", { class: "empty" }, t("stores.none")) : null,
    h(
      "ul",
      { class: "cards" },
      stores.map((store) => {
        const inCart = itemCount(carts[store.id]);
        return h(
          "li",
          { key: store.id },
          h(
            "a",
            {
              href: link("store", store.id),
              class: "card",
              "data-store": store.id,
            },
            h("strong", null, store.name),
            h("span", { class: "muted" }, store.address),
            h(StoreHours, { store }),
            inCart > 0
              ? h("span", { class: "badge" }, tn("cart.items", inCart))
              : null,
          ),
        );
      }),
    ),
  );
}
