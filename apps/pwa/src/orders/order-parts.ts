/** Pieces of an order that every role shows the same way. */
import {
  FINAL_ORDER_STATUSES,
  type OrderDoc,
  type OrderStatus,
  type PaymentMethod,
} from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { clock, money } from "../i18n/format.ts";
import { lang, t } from "../i18n/lang.ts";
import type { MessageKey } from "../i18n/messages.ts";
import type { ProductMap } from "./products.ts";

export const STATUS_KEYS: Record<OrderStatus, MessageKey> = {
  pending: "status.pending",
  accepted: "status.accepted",
  rejected: "status.rejected",
  preparing: "status.preparing",
  ready: "status.ready",
  picked_up: "status.picked_up",
  delivered: "status.delivered",
  failed: "status.failed",
  cancelled: "status.cancelled",
};

export const PAYMENT_KEYS: Record<PaymentMethod, MessageKey> = {
  cash: "payment.cash",
  mtn_momo: "payment.mtn_momo",
  orange_money: "payment.orange_money",
};

export function StatusBadge({ status }: { status: OrderStatus }): JSX.Element {
  return h(
    "span",
    {
      class: `badge status-${status}`,
      "data-testid": "order-status",
      "data-status": status,
    },
    t(STATUS_KEYS[status]),
  );
}

export function WaitingBadge(): JSX.Element {
  return h(
    "span",
    { class: "badge waiting", "data-testid": "waiting" },
    t("order.waiting"),
  );
}

export function productName(products: ProductMap, id: string): string {
  const product = products.get(id);
  return product === undefined ? id : product.name[lang.get()];
}

interface ItemsProps {
  items: Readonly<OrderDoc>["items"];
  products: ProductMap;
}

export function ItemList({ items, products }: ItemsProps): JSX.Element {
  return h(
    "ul",
    { class: "items" },
    items.map((item) =>
      h(
        "li",
        { key: item.productId },
        h("span", { class: "qty" }, `${item.qty} ×`),
        h("span", { class: "name" }, productName(products, item.productId)),
        h("span", { class: "price" }, money(item.qty * item.unitPriceXaf)),
      ),
    ),
  );
}

export function History({ order }: { order: Readonly<OrderDoc> }): JSX.Element {
  return h(
    "ol",
    { class: "history" },
    order.statusHistory.map((event) =>
      h(
        "li",
        { key: `${event.status}@${event.at}` },
        h("time", null, clock(event.at)),
        " ",
        t(STATUS_KEYS[event.status]),
      ),
    ),
  );
}

/** Final statuses: the order needs nothing more from anyone. */
export function isFinal(status: OrderStatus): boolean {
  return FINAL_ORDER_STATUSES.includes(status);
}
