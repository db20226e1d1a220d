/**
 * The cart of one store and its checkout: delivery address and payment
 * method (cash, MTN MoMo, Orange Money; taking the payment happens at
 * delivery, outside this app). Placing works offline.
 */
import {
  PAYMENT_METHODS,
  type OrderItem,
  type PaymentMethod,
  type ProductDoc,
  type StoreDoc,
} from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { useState } from "preact/hooks";
import { money } from "../i18n/format.ts";
import { lang, t } from "../i18n/lang.ts";
import { PAYMENT_KEYS } from "../orders/order-parts.ts";
import { openNow } from "../orders/store-hours.ts";
import { link, navigate } from "../ui/route.ts";
import { useStore } from "../ui/store.ts";
import { useDoc, useDocs } from "../ui/use-docs.ts";
import { useWorkspace } from "../workspace/context.ts";
import { cartsOf, emptyCart, setQty } from "./cart.ts";
import { lastAddress, placeOrder } from "./place-order.ts";

export function CheckoutScreen({ storeId }: { storeId: string }): JSX.Element {
  const ws = useWorkspace();
  const { db, user } = ws;
  const carts = cartsOf(user.id);
  const cart = useStore(carts)[storeId] ?? {};
  const [address, setAddress] = useState(() => lastAddress(user.id));
  const [method, setMethod] = useState<PaymentMethod>("cash");
  const [busy, setBusy] = useState(false);
  const store = useDoc<StoreDoc>(
    () => db.stores.findOne(storeId).$,
    [db, storeId],
  );
  const ids = Object.keys(cart);
  const products = useDocs<ProductDoc>(
    () => db.products.find({ selector: { id: { $in: ids } } }).$,
    [db, ids.join()],
  );
  const items: OrderItem[] = products
    .filter((p) => (cart[p.id] ?? 0) > 0)
    .map((p) => ({
      productId: p.id,
      qty: cart[p.id] ?? 0,
      unitPriceXaf: p.priceXaf,
    }));
  const total = items.reduce((s, i) => s + i.qty * i.unitPriceXaf, 0);
  // Intake would refuse the order; say so before it is placed.
  const closed = store != null && !openNow(store);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (items.length === 0 || busy) return;
    setBusy(true);
    try {
      const orderId = await placeOrder(ws, {
        storeId,
        city: store?.city ?? user.city ?? "",
        items,
        address: address.trim(),
        method,
      });
      emptyCart(carts, storeId);
      navigate("order", orderId);
    } finally {
      setBusy(false);
    }
  };

  return h(
    "form",
    {
      class: "checkout",
      "data-testid": "checkout",
      onSubmit: (e: Event) => void submit(e),
    },
    h("a", { href: link("store", storeId), class: "back" }, t("nav.back")),
    h("h2", null, t("cart.title", { store: store?.name ?? "" })),
    items.length === 0 ? h("p", { class: "empty" }, t("cart.empty")) : null,
    h(
      "ul",
      { class: "items" },
      products.map((p) =>
        h(
          "li",
          { key: p.id },
          h("span", { class: "name" }, p.name[lang.get()]),
          h(
            "span",
            { class: "stepper" },
            h(
              "button",
              {
                type: "button",
                onClick: () =>
                  setQty(carts, storeId, p.id, (cart[p.id] ?? 0) - 1),
              },
              "−",
            ),
            h("output", null, String(cart[p.id] ?? 0)),
            h(
              "button",
              {
                type: "button",
                onClick: () =>
                  setQty(carts, storeId, p.id, (cart[p.id] ?? 0) + 1),
              },
              "+",
            ),
          ),
          h("span", { class: "price" }, money((cart[p.id] ?? 0) * p.priceXaf)),
        ),
      ),
    ),
    h(
      "p",
      { class: "total" },
      t("cart.total"),
      " ",
      h("strong", null, money(total)),
    ),
    h(
      "label",
      null,
      t("checkout.address"),
      h("textarea", {
        name: "address",
        required: true,
        maxLength: 240,
        rows: 2,
        placeholder: t("checkout.addressHint"),
        value: address,
        onInput: (e: JSX.TargetedEvent<HTMLTextAreaElement>) =>
          setAddress(e.currentTarget.value),
      }),
    ),
    h(
      "fieldset",
      { class: "payment" },
      h("legend", null, t("checkout.payment")),
      PAYMENT_METHODS.map((m) =>
        h(
          "label",
          { key: m, class: `pay pay-${m}` },
          h("input", {
            type: "radio",
            name: "payment",
            value: m,
            checked: method === m,
            onChange: () => setMethod(m),
          }),
          t(PAYMENT_KEYS[m]),
        ),
      ),
      h("small", { class: "muted" }, t("checkout.paymentNote")),
    ),
    closed ? h("p", { class: "closed" }, t("checkout.closed")) : null,
    h(
      "button",
      {
        type: "submit",
        class: "primary",
        disabled: busy || items.length === 0 || closed,
        "data-testid": "place-order",
      },
      t("checkout.place", { total: money(total) }),
    ),
    h("p", { class: "muted" }, t("checkout.offlineNote")),
  );
}
