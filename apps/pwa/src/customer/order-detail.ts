/**
 * One order as the customer follows it, live: its status, whether it
 * still waits to reach the store, and what the store decided: confirmed,
 * adjusted (the items differ from what was placed) or refused, with the
 * reason.
 */
import { nextStatuses, type OrderDoc, type StoreDoc } from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { useState } from "preact/hooks";
import { money, orderRef } from "../i18n/format.ts";
import { t } from "../i18n/lang.ts";
import { moveOrder } from "../orders/move.ts";
import {
  History,
  ItemList,
  PAYMENT_KEYS,
  StatusBadge,
  WaitingBadge,
  productName,
} from "../orders/order-parts.ts";
import { intakeReason, priceLines } from "../orders/intake.ts";
import { useProducts, type ProductMap } from "../orders/products.ts";
import { asWire } from "../orders/wire.ts";
import { link } from "../ui/route.ts";
import { useStore } from "../ui/store.ts";
import { useDoc } from "../ui/use-docs.ts";
import { useObservable } from "../ui/use-observable.ts";
import { useWorkspace } from "../workspace/context.ts";
import { placedOrders, type Placed } from "./place-order.ts";
import { acceptNewPrices } from "./reprice.ts";

/** What the store changed, line by line, in words. */
export function adjustments(
  placed: Placed | undefined,
  order: OrderDoc,
  products: ProductMap,
): string[] {
  if (placed === undefined || placed.totalXaf === order.totalXaf) return [];
  const now = new Map(order.items.map((i) => [i.productId, i]));
  const changes: string[] = [];
  for (const before of placed.items) {
    const after = now.get(before.productId);
    const name = productName(products, before.productId);
    if (after === undefined) {
      changes.push(t("order.adjust.removed", { name }));
    } else if (after.qty !== before.qty) {
      changes.push(
        t("order.adjust.qty", { name, from: before.qty, to: after.qty }),
      );
    } else if (after.unitPriceXaf !== before.unitPriceXaf) {
      changes.push(
        t("order.adjust.price", {
          name,
          from: money(before.unitPriceXaf),
          to: money(after.unitPriceXaf),
        }),
      );
    }
  }
  return changes;
}

interface OutcomeProps {
  order: OrderDoc;
  placed: Placed | undefined;
  products: ProductMap;
  waiting: boolean;
}

function Stopped({ order, products }: OutcomeProps): JSX.Element {
  const rejected = order.status === "rejected";
  const reason = intakeReason(order, products);
  return h(
    "div",
    {
      class: "outcome refused",
      "data-testid": "outcome",
      "data-outcome": order.status,
    },
    h("strong", null, t(rejected ? "order.rejected" : "order.cancelled")),
    reason === null ? null : h("p", null, reason),
    order.rejectionReason === undefined
      ? null
      : h(
          "p",
          { class: reason === null ? "" : "detail", "data-testid": "reason" },
          t("order.reason", { reason: order.rejectionReason }),
        ),
  );
}

function PriceQuestion({ order, products }: OutcomeProps): JSX.Element {
  const ws = useWorkspace();
  return h(
    "div",
    {
      class: "outcome adjusted",
      "data-testid": "outcome",
      "data-outcome": "prices",
    },
    h("strong", null, t("intake.prices")),
    h(
      "ul",
      null,
      priceLines(order, products, false).map((line) =>
        h("li", { key: line }, line),
      ),
    ),
    h(
      "button",
      {
        type: "button",
        class: "primary",
        onClick: () => void acceptNewPrices(ws, order.id),
      },
      t("intake.acceptPrices"),
    ),
  );
}

function Outcome(props: OutcomeProps): JSX.Element | null {
  const { order, placed, products, waiting } = props;
  if (order.status === "rejected" || order.status === "cancelled") {
    return h(Stopped, props);
  }
  if (
    order.status === "pending" &&
    order.intake?.outcome === "needs_confirmation"
  ) {
    return h(PriceQuestion, props);
  }
  const changes = [
    ...adjustments(placed, order, products),
    ...priceLines(order, products, true),
  ];
  if (
    changes.length > 0 &&
    placed !== undefined &&
    placed.totalXaf !== order.totalXaf
  ) {
    return h(
      "div",
      {
        class: "outcome adjusted",
        "data-testid": "outcome",
        "data-outcome": "adjusted",
      },
      h(
        "strong",
        null,
        t("order.adjusted", {
          from: money(placed.totalXaf),
          to: money(order.totalXaf),
        }),
      ),
      h(
        "ul",
        null,
        changes.map((c) => h("li", { key: c }, c)),
      ),
    );
  }
  const notes = changes.map((c) => h("li", { key: c }, c));
  if (order.status !== "pending") {
    return h(
      "div",
      {
        class: "outcome confirmed",
        "data-testid": "outcome",
        "data-outcome": "confirmed",
      },
      h("strong", null, t("order.confirmed")),
      notes.length > 0 ? h("ul", null, notes) : null,
    );
  }
  if (waiting) return null;
  const checked = order.intake?.outcome === "confirmed";
  return h(
    "div",
    {
      class: "outcome",
      "data-testid": "outcome",
      "data-outcome": checked ? "checked" : "checking",
    },
    h("strong", null, t(checked ? "intake.confirmed" : "intake.checking")),
    notes.length > 0 ? h("ul", null, notes) : null,
  );
}

export function OrderDetail({ orderId }: { orderId: string }): JSX.Element {
  const ws = useWorkspace();
  const { db, sync, journal, user } = ws;
  useStore(journal.entries);
  const [busy, setBusy] = useState(false);
  const status = useObservable(() => sync.status$, sync.status, [sync]);
  const order = useDoc<OrderDoc>(
    () => db.orders.findOne(orderId).$,
    [db, orderId],
  );
  const store = useDoc<StoreDoc>(
    () => db.stores.findOne(order?.storeId ?? "").$,
    [db, order?.storeId],
  );
  const products = useProducts(order?.items.map((i) => i.productId) ?? []);
  if (order === undefined) return h("p", { class: "boot" }, t("app.opening"));
  if (order === null) {
    return h(
      "section",
      null,
      h("a", { href: link("orders"), class: "back" }, t("nav.back")),
      h("p", null, t("order.gone")),
    );
  }
  const placed = placedOrders(user.id)[order.id];
  const waiting = journal.waiting("orders", order.id, status);
  const canCancel = nextStatuses(user, asWire(order)).includes("cancelled");
  const cancel = async (): Promise<void> => {
    setBusy(true);
    try {
      await moveOrder(ws, order.id, "cancelled");
    } finally {
      setBusy(false);
    }
  };
  return h(
    "section",
    {
      class: "order-detail",
      "data-testid": "order-detail",
      "data-order": order.id,
    },
    h("a", { href: link("orders"), class: "back" }, t("nav.back")),
    h("h2", null, t("order.title", { ref: orderRef(order.id) })),
    h("p", { class: "muted" }, store?.name ?? order.storeId),
    h(
      "p",
      { class: "status-line" },
      h(StatusBadge, { status: order.status }),
      waiting ? h(WaitingBadge, {}) : null,
    ),
    h(Outcome, { order, placed, products, waiting }),
    h(ItemList, { items: order.items, products }),
    h(
      "p",
      { class: "total" },
      t("cart.total"),
      " ",
      h("strong", null, money(order.totalXaf)),
    ),
    h("p", null, t(PAYMENT_KEYS[order.payment.method])),
    h("p", { class: "muted" }, order.deliveryAddress.text),
    h(History, { order }),
    canCancel
      ? h(
          "button",
          {
            type: "button",
            class: "danger",
            disabled: busy,
            "data-testid": "cancel-order",
            onClick: () => void cancel(),
          },
          t("order.cancel"),
        )
      : null,
  );
}
