/**
 * One order on the tablet: its contents and the moves staff may make
 * now (from the rules: accept, reject, start preparing, mark ready,
 * cancel), a reason when refusing, and the rider to give it to.
 */
import {
  ASSIGNABLE_STATUSES,
  nextStatuses,
  type OrderDoc,
  type OrderStatus,
  type RiderDoc,
  type StoreDoc,
} from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { useState } from "preact/hooks";
import { money, orderRef } from "../i18n/format.ts";
import { t } from "../i18n/lang.ts";
import type { MessageKey } from "../i18n/messages.ts";
import { assignRider, moveOrder } from "../orders/move.ts";
import {
  History,
  ItemList,
  PAYMENT_KEYS,
  StatusBadge,
} from "../orders/order-parts.ts";
import { intakeSummary } from "../orders/intake.ts";
import { useProducts } from "../orders/products.ts";
import { asWire } from "../orders/wire.ts";
import { AVAILABILITY_KEYS } from "../rider/availability-labels.ts";
import { distanceM } from "../rider/location-reporter.ts";
import { useDoc, useDocs } from "../ui/use-docs.ts";
import { useWorkspace } from "../workspace/context.ts";

const MOVE_KEYS: Partial<Record<OrderStatus, MessageKey>> = {
  accepted: "staff.accept",
  preparing: "staff.prepare",
  ready: "staff.ready",
};

/** Moves that need a reason the customer will read. */
const WITH_REASON: readonly OrderStatus[] = ["rejected", "cancelled"];

const REASONS: readonly MessageKey[] = [
  "reason.outOfStock",
  "reason.closing",
  "reason.tooFar",
];

function ReasonForm({
  to,
  onDone,
}: {
  to: OrderStatus;
  onDone: (reason: string | null) => void;
}): JSX.Element {
  const [reason, setReason] = useState("");
  return h(
    "form",
    {
      class: "reason",
      "data-testid": "reason-form",
      onSubmit: (e: Event) => {
        e.preventDefault();
        if (reason.trim() !== "") onDone(reason.trim());
      },
    },
    h("p", null, t(to === "rejected" ? "staff.rejectWhy" : "staff.cancelWhy")),
    h(
      "div",
      { class: "chips" },
      REASONS.map((key) =>
        h(
          "button",
          {
            key,
            type: "button",
            class: "chip",
            onClick: () => setReason(t(key)),
          },
          t(key),
        ),
      ),
    ),
    h("input", {
      name: "reason",
      maxLength: 240,
      required: true,
      value: reason,
      "aria-label": t("staff.reason"),
      placeholder: t("staff.reason"),
      onInput: (e) => setReason(e.currentTarget.value),
    }),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        { type: "submit", class: "danger", disabled: reason.trim() === "" },
        t(to === "rejected" ? "staff.reject" : "staff.cancel"),
      ),
      h(
        "button",
        { type: "button", class: "link", onClick: () => onDone(null) },
        t("staff.back"),
      ),
    ),
  );
}

function RiderPicker({
  order,
  store,
}: {
  order: OrderDoc;
  store: StoreDoc | null | undefined;
}): JSX.Element {
  const ws = useWorkspace();
  const riders = useDocs<RiderDoc>(() => ws.db.riders.find().$, [ws.db]);
  const [choice, setChoice] = useState(order.riderId ?? "");
  const rank = { available: 0, busy: 1, offline: 2 } as const;
  const away = (r: RiderDoc): number =>
    store != null && r.location !== undefined
      ? distanceM(store.location, r.location)
      : Infinity;
  const sorted = [...riders].sort(
    (a, b) => rank[a.availability] - rank[b.availability] || away(a) - away(b),
  );
  const label = (r: RiderDoc): string => {
    const km = away(r);
    const where = Number.isFinite(km) ? ` · ${(km / 1000).toFixed(1)} km` : "";
    return `${r.name} (${t(AVAILABILITY_KEYS[r.availability])})${where}`;
  };
  return h(
    "form",
    {
      class: "assign",
      onSubmit: (e: Event) => {
        e.preventDefault();
        if (choice !== "") void assignRider(ws, order.id, choice);
      },
    },
    h(
      "label",
      null,
      t("staff.rider"),
      h(
        "select",
        {
          name: "rider",
          value: choice,
          "data-testid": "rider-select",
          onChange: (e: JSX.TargetedEvent<HTMLSelectElement>) =>
            setChoice(e.currentTarget.value),
        },
        h("option", { value: "" }, t("staff.chooseRider")),
        sorted.map((r) => h("option", { key: r.id, value: r.id }, label(r))),
      ),
    ),
    h(
      "button",
      {
        type: "submit",
        disabled: choice === "" || choice === order.riderId,
        "data-testid": "assign",
      },
      order.riderId === undefined ? t("staff.assign") : t("staff.reassign"),
    ),
  );
}

export function OrderPanel({ order }: { order: OrderDoc }): JSX.Element {
  const ws = useWorkspace();
  const [asking, setAsking] = useState<OrderStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const products = useProducts(order.items.map((i) => i.productId));
  const store = useDoc<StoreDoc>(
    () => ws.db.stores.findOne(order.storeId).$,
    [ws.db, order.storeId],
  );
  const moves = nextStatuses(ws.user, asWire(order));
  const move = async (to: OrderStatus, reason?: string): Promise<void> => {
    setBusy(true);
    try {
      await moveOrder(ws, order.id, to, reason);
    } finally {
      setBusy(false);
      setAsking(null);
    }
  };
  const assignable =
    ASSIGNABLE_STATUSES.includes(order.status) &&
    !order.statusHistory.some((e) => e.status === "picked_up");
  return h(
    "div",
    {
      class: "order-panel",
      "data-testid": "order-panel",
      "data-order": order.id,
    },
    h(
      "h2",
      null,
      orderRef(order.id),
      " ",
      h(StatusBadge, { status: order.status }),
    ),
    h(
      "p",
      { class: "muted", "data-testid": "intake" },
      intakeSummary(order, products),
    ),
    h(ItemList, { items: order.items, products }),
    h(
      "p",
      { class: "total" },
      t("cart.total"),
      " ",
      h("strong", null, money(order.totalXaf)),
    ),
    h(
      "p",
      null,
      t(PAYMENT_KEYS[order.payment.method]),
      " · ",
      order.deliveryAddress.text,
    ),
    order.rejectionReason === undefined
      ? null
      : h(
          "p",
          { class: "muted" },
          t("order.reason", { reason: order.rejectionReason }),
        ),
    asking !== null
      ? h(ReasonForm, {
          to: asking,
          onDone: (reason) =>
            reason === null ? setAsking(null) : void move(asking, reason),
        })
      : h(
          "div",
          { class: "actions" },
          moves.map((to) => {
            const key = MOVE_KEYS[to];
            if (WITH_REASON.includes(to)) {
              return h(
                "button",
                {
                  key: to,
                  type: "button",
                  class: "danger",
                  disabled: busy,
                  "data-action": to,
                  onClick: () => setAsking(to),
                },
                t(to === "rejected" ? "staff.reject" : "staff.cancel"),
              );
            }
            if (key === undefined) return null;
            return h(
              "button",
              {
                key: to,
                type: "button",
                class: "primary",
                disabled: busy,
                "data-action": to,
                onClick: () => void move(to),
              },
              t(key),
            );
          }),
        ),
    assignable ? h(RiderPicker, { order, store }) : null,
    h(History, { order }),
  );
}
