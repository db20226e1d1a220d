/**
 * A store's catalogue, read from the local database: search by name in
 * either language, filter by category, add to the cart. Works the same
 * offline; stock levels are as of the last sync.
 */
import type { ProductDoc, StockDoc, StoreDoc } from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { useMemo, useState } from "preact/hooks";
import { money } from "../i18n/format.ts";
import { lang, t, tn } from "../i18n/lang.ts";
import { link } from "../ui/route.ts";
import { useStore } from "../ui/store.ts";
import { useDoc, useDocs } from "../ui/use-docs.ts";
import { useWorkspace } from "../workspace/context.ts";
import { cartsOf, itemCount, setQty } from "./cart.ts";
import { categoryLabel, unitLabel } from "./labels.ts";
import { StoreHours } from "./store-list.ts";

/** Rows drawn at first; cheap phones slow down with hundreds. */
const PAGE = 60;

/** "Riz Parfumé" and "riz parfume" match. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** Units left to sell; null when the stock level is unknown here. */
export function available(stock: StockDoc | undefined): number | null {
  return stock === undefined
    ? null
    : Math.max(0, stock.onHand - stock.reserved);
}

interface RowProps {
  product: ProductDoc;
  left: number | null;
  qty: number;
  onQty: (qty: number) => void;
}

function ProductRow({ product, left, qty, onQty }: RowProps): JSX.Element {
  const soldOut = left === 0;
  return h(
    "li",
    { class: "product", "data-product": product.id },
    h(
      "div",
      { class: "product-text" },
      h("strong", null, product.name[lang.get()]),
      h(
        "span",
        { class: "muted" },
        `${unitLabel(product.unit)} · ${categoryLabel(product.category)}`,
      ),
      soldOut
        ? h("span", { class: "soldout" }, t("catalog.soldOut"))
        : left !== null && left <= 5
          ? h("span", { class: "few" }, t("catalog.few", { n: left }))
          : null,
    ),
    h("span", { class: "price" }, money(product.priceXaf)),
    qty === 0
      ? h(
          "button",
          {
            type: "button",
            class: "add",
            disabled: soldOut,
            onClick: () => onQty(1),
          },
          t("catalog.add"),
        )
      : h(
          "span",
          { class: "stepper" },
          h(
            "button",
            {
              type: "button",
              "aria-label": "−",
              onClick: () => onQty(qty - 1),
            },
            "−",
          ),
          h("output", null, String(qty)),
          h(
            "button",
            {
              type: "button",
              "aria-label": "+",
              disabled: left !== null && qty >= left,
              onClick: () => onQty(qty + 1),
            },
            "+",
          ),
        ),
  );
}

export function Catalog({ storeId }: { storeId: string }): JSX.Element {
  const { db, user } = useWorkspace();
  const carts = cartsOf(user.id);
  const cart = useStore(carts)[storeId] ?? {};
  const [query, setQuery] = useState("");
  const [category, setCategory] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const store = useDoc<StoreDoc>(
    () => db.stores.findOne(storeId).$,
    [db, storeId],
  );
  const products = useDocs<ProductDoc>(
    () => db.products.find({ selector: { storeId, active: true } }).$,
    [db, storeId],
  );
  const stock = useDocs<StockDoc>(
    () => db.stock.find({ selector: { storeId } }).$,
    [db, storeId],
  );
  const stockById = useMemo(
    () => new Map(stock.map((s) => [s.productId, s])),
    [stock],
  );
  const categories = useMemo(
    () => [...new Set(products.map((p) => p.category))].sort(),
    [products],
  );
  const language = lang.get();
  const matches = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    return products
      .filter((p) => category === null || p.category === category)
      .filter((p) => {
        const text = fold(`${p.name.fr} ${p.name.en}`);
        return words.every((word) => text.includes(word));
      })
      .sort((a, b) => a.name[language].localeCompare(b.name[language]));
  }, [products, query, category, language]);

  const count = itemCount(cart);
  const total = products.reduce(
    (sum, p) => sum + (cart[p.id] ?? 0) * p.priceXaf,
    0,
  );
  return h(
    "section",
    { class: "catalog", "data-testid": "catalog" },
    h("a", { href: link("stores"), class: "back" }, t("nav.back")),
    h("h2", null, store?.name ?? ""),
    store == null ? null : h("p", null, h(StoreHours, { store })),
    h("input", {
      type: "search",
      class: "search",
      placeholder: t("catalog.search"),
      "aria-label": t("catalog.search"),
      value: query,
      onInput: (e) => {
        setQuery(e.currentTarget.value);
        setShown(PAGE);
      },
    }),
    h(
      "div",
      { class: "chips", role: "group", "aria-label": t("catalog.categories") },
      [null, ...categories].map((c) =>
        h(
          "button",
          {
            key: c ?? "all",
            type: "button",
            class: c === category ? "chip on" : "chip",
            "aria-pressed": c === category,
            onClick: () => {
              setCategory(c);
              setShown(PAGE);
            },
          },
          c === null ? t("catalog.all") : categoryLabel(c),
        ),
      ),
    ),
    products.length === 0
      ? h("p", { class: "empty" }, t("catalog.loading"))
      : matches.length === 0
        ? h("p", { class: "empty" }, t("catalog.noMatch"))
        : null,
    h(
      "ul",
      { class: "products" },
      matches.slice(0, shown).map((product) =>
        h(ProductRow, {
          key: product.id,
          product,
          left: available(stockById.get(product.id)),
          qty: cart[product.id] ?? 0,
          onQty: (qty) => setQty(carts, storeId, product.id, qty),
        }),
      ),
    ),
    matches.length > shown
      ? h(
          "button",
          {
            type: "button",
            class: "more",
            onClick: () => setShown(shown + PAGE),
          },
          t("catalog.more", { n: matches.length - shown }),
        )
      : null,
    count > 0
      ? h(
          "a",
          {
            class: "cart-bar",
            href: link("cart", storeId),
            "data-testid": "cart-bar",
          },
          h("span", null, tn("cart.items", count)),
          h("strong", null, money(total)),
          h("span", null, t("cart.view")),
        )
      : null,
  );
}
