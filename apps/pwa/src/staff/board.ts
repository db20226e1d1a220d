/** Orders by status, live; the selected order's panel beside them. */
import {
  FINAL_ORDER_STATUSES,
  type OrderDoc,
  type OrderStatus,
} from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { clock, money, orderRef } from "../i18n/format.ts";
import { t, tn } from "../i18n/lang.ts";
import { STATUS_KEYS, WaitingBadge } from "../orders/order-parts.ts";
import { link } from "../ui/route.ts";
import { useStore } from "../ui/store.ts";
import { useDocs } from "../ui/use-docs.ts";
import { useObservable } from "../ui/use-observable.ts";
import { useWorkspace } from "../workspace/context.ts";
import { OrderPanel } from "./order-panel.ts";

const COLUMNS: readonly OrderStatus[] = [
  "pending",
  "accepted",
  "preparing",
  "ready",
  "picked_up",
];

interface Props {
  storeId: string;
  selected: string | null;
}

export function Board({ storeId, selected }: Props): JSX.Element {
  const { db, journal, sync } = useWorkspace();
  useStore(journal.entries);
  const status = useObservable(() => sync.status$, sync.status, [sync]);
  const orders = useDocs<OrderDoc>(
    () => db.orders.find({ selector: { storeId }, sort: [{ id: "desc" }] }).$,
    [db, storeId],
  );
  const card = (order: OrderDoc): JSX.Element =>
    h(
      "li",
      { key: order.id },
      h(
        "a",
        {
          href: link("order", order.id),
          class: order.id === selected ? "card ticket on" : "card ticket",
          "data-order": order.id,
          "data-status": order.status,
        },
        h("strong", null, orderRef(order.id)),
        h("span", { class: "muted" }, clock(order.createdAt)),
        h(
          "span",
          null,
          `${tn(
            "cart.items",
            order.items.reduce((n, i) => n + i.qty, 0),
          )} · ${money(order.totalXaf)}`,
        ),
        order.riderId === undefined
          ? null
          : h(
              "span",
              { class: "muted" },
              t("staff.riderShort", { rider: order.riderId }),
            ),
        journal.waiting("orders", order.id, status)
          ? h(WaitingBadge, {})
          : null,
      ),
    );
  const finished = orders
    .filter((o) => FINAL_ORDER_STATUSES.includes(o.status))
    .slice(0, 30);
  const current = orders.find((o) => o.id === selected);
  return h(
    "div",
    { class: "board-layout" },
    h(
      "div",
      { class: "board", "data-testid": "board" },
      COLUMNS.map((column) => {
        const inColumn = orders.filter((o) => o.status === column);
        return h(
          "section",
          {
            key: column,
            class: `column column-${column}`,
            "data-column": column,
          },
          h(
            "h3",
            null,
            t(STATUS_KEYS[column]),
            " ",
            h("span", { class: "count" }, String(inColumn.length)),
          ),
          h("ul", null, inColumn.map(card)),
        );
      }),
      h(
        "details",
        { class: "column finished" },
        h("summary", null, t("staff.finished", { n: finished.length })),
        h("ul", null, finished.map(card)),
      ),
    ),
    h(
      "aside",
      { class: "panel" },
      current === undefined
        ? h("p", { class: "empty" }, t("staff.pick"))
        : h(OrderPanel, { key: current.id, order: current }),
    ),
  );
}
