import {
  nextStatuses,
  type OrderDoc,
  type OrderStatus,
  type StoreDoc,
} from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { useState } from "preact/hooks";
import { money, orderRef } from "../i18n/format.ts";
import { t, tn } from "../i18n/lang.ts";
import type { MessageKey } from "../i18n/messages.ts";
import { moveOrder } from "../orders/move.ts";
import {
  PAYMENT_KEYS,
  StatusBadge,
  WaitingBadge,
} from "../orders/order-parts.ts";
import { asWire } from "../orders/wire.ts";
import { useStore } from "../ui/store.ts";
import { useObservable } from "../ui/use-observable.ts";
import { useWorkspace } from "../workspace/context.ts";

const ACTION_KEYS: Partial<Record<OrderStatus, MessageKey>> = {
  picked_up: "rider.pickedUp",
  delivered: "rider.delivered",
  failed: "rider.failed",
};

interface Props {
  order: OrderDoc;
  store: StoreDoc | undefined;
}

export function DeliveryCard({ order, store }: Props): JSX.Element {
  const ws = useWorkspace();
  const { journal, sync, user } = ws;
  useStore(journal.entries);
  const status = useObservable(() => sync.status$, sync.status, [sync]);
  const [busy, setBusy] = useState(false);
  const count = order.items.reduce((n, i) => n + i.qty, 0);
  const move = async (to: OrderStatus): Promise<void> => {
    setBusy(true);
    try {
      await moveOrder(ws, order.id, to);
    } finally {
      setBusy(false);
    }
  };
  const cash = order.payment.method === "cash";
  return h(
    "li",
    { class: "card delivery", "data-order": order.id },
    h(
      "div",
      { class: "row" },
      h("strong", null, orderRef(order.id)),
      h(StatusBadge, { status: order.status }),
      journal.waiting("orders", order.id, status) ? h(WaitingBadge, {}) : null,
    ),
    h(
      "p",
      null,
      h("b", null, t("rider.pickup")),
      " ",
      store ? `${store.name}, ${store.address}` : order.storeId,
    ),
    h(
      "p",
      null,
      h("b", null, t("rider.dropoff")),
      " ",
      order.deliveryAddress.text,
    ),
    h(
      "p",
      { class: "muted" },
      `${tn("cart.items", count)} · `,
      cash
        ? t("rider.collect", { total: money(order.totalXaf) })
        : t("rider.paidBy", {
            method: t(PAYMENT_KEYS[order.payment.method]),
            total: money(order.totalXaf),
          }),
    ),
    h(
      "div",
      { class: "actions" },
      nextStatuses(user, asWire(order)).map((to) => {
        const key = ACTION_KEYS[to];
        if (key === undefined) return null;
        return h(
          "button",
          {
            key: to,
            type: "button",
            class: to === "failed" ? "danger" : "primary",
            disabled: busy,
            "data-action": to,
            onClick: () => void move(to),
          },
          t(key),
        );
      }),
    ),
  );
}
