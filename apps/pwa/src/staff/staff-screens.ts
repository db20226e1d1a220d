/**
 * The store tablet: incoming orders live on a board, an order's detail
 * beside it, and stock counts. Laid out for a landscape tablet; on a
 * phone the panels stack.
 */
import type { StoreDoc } from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { useState } from "preact/hooks";
import { t } from "../i18n/lang.ts";
import { link, useRoute } from "../ui/route.ts";
import { useDoc } from "../ui/use-docs.ts";
import { useWorkspace } from "../workspace/context.ts";
import { Board } from "./board.ts";
import { StockScreen } from "./stock.ts";
import { setStoreHours, setStoreOpen } from "./staff-writes.ts";

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

function HoursForm({ store }: { store: StoreDoc }): JSX.Element {
  const ws = useWorkspace();
  const [opens, setOpens] = useState(store.hours.opens);
  const [closes, setCloses] = useState(store.hours.closes);
  const valid = CLOCK.test(opens) && CLOCK.test(closes);
  const changed = opens !== store.hours.opens || closes !== store.hours.closes;
  return h(
    "form",
    {
      class: "hours",
      "data-testid": "hours",
      onSubmit: (e: Event) => {
        e.preventDefault();
        if (valid) void setStoreHours(ws, store.id, { opens, closes });
      },
    },
    h("span", null, t("staff.hours")),
    h("input", {
      type: "time",
      name: "opens",
      "aria-label": t("staff.opens"),
      value: opens,
      onInput: (e) => setOpens(e.currentTarget.value),
    }),
    h("span", null, "–"),
    h("input", {
      type: "time",
      name: "closes",
      "aria-label": t("staff.closes"),
      value: closes,
      onInput: (e) => setCloses(e.currentTarget.value),
    }),
    h(
      "button",
      { type: "submit", disabled: !valid || !changed },
      t("staff.save"),
    ),
  );
}

function StoreHead({
  store,
}: {
  store: StoreDoc | null | undefined;
}): JSX.Element | null {
  const ws = useWorkspace();
  if (store == null) return null;
  return h(
    "div",
    { class: "store-head" },
    h("strong", null, store.name),
    h(HoursForm, { key: `${store.hours.opens}-${store.hours.closes}`, store }),
    h(
      "label",
      { class: "toggle" },
      h("input", {
        type: "checkbox",
        checked: store.open,
        "data-testid": "store-open",
        onChange: (e) =>
          void setStoreOpen(ws, store.id, e.currentTarget.checked),
      }),
      store.open ? t("staff.open") : t("staff.closed"),
    ),
  );
}

export function StaffScreens(): JSX.Element {
  const { db, user } = useWorkspace();
  const storeId = user.storeId ?? "";
  const [page, id] = useRoute();
  const store = useDoc<StoreDoc>(
    () => db.stores.findOne(storeId).$,
    [db, storeId],
  );
  const onStock = page === "stock";
  return h(
    "div",
    { class: "staff", "data-testid": "staff" },
    h(
      "nav",
      { class: "tabs" },
      h(
        "a",
        { href: link("board"), class: onStock ? "" : "on" },
        t("nav.board"),
      ),
      h(
        "a",
        {
          href: link("stock"),
          class: onStock ? "on" : "",
          "data-testid": "nav-stock",
        },
        t("nav.stock"),
      ),
      h(StoreHead, { store }),
    ),
    onStock
      ? h(StockScreen, { storeId })
      : h(Board, { storeId, selected: page === "order" ? (id ?? null) : null }),
  );
}
