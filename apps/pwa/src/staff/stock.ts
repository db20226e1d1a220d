/**
 * Stock counts for the store's products: quick corrections (−1, +1,
 * +10) and "set to the counted number". Each is sent as a change, and
 * the server adds concurrent changes together rather than keeping one.
 */
import type { ProductDoc, StockDoc } from "@okada/sync-rules";
import { stockIdOf } from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { useMemo, useState } from "preact/hooks";
import { lang, t } from "../i18n/lang.ts";
import { fold } from "../customer/catalog.ts";
import { useLoadedDocs } from "../ui/use-docs.ts";
import { useWorkspace } from "../workspace/context.ts";
import { adjustStock } from "./staff-writes.ts";

const PAGE = 50;

function StockRow({
  product,
  stock,
}: {
  product: ProductDoc;
  stock: StockDoc | undefined;
}): JSX.Element {
  const ws = useWorkspace();
  const [count, setCount] = useState("");
  const name = product.name[lang.get()];
  const id = stockIdOf(product.storeId, product.id);
  const adjust = (delta: number): void => void adjustStock(ws, id, delta, name);
  const onHand = stock?.onHand ?? 0;
  return h(
    "li",
    { class: "stock-row", "data-product": product.id },
    h("span", { class: "name" }, name),
    h("span", { class: "on-hand", "data-testid": "on-hand" }, String(onHand)),
    h(
      "span",
      { class: "muted" },
      t("stock.reserved", { n: stock?.reserved ?? 0 }),
    ),
    h(
      "button",
      {
        type: "button",
        disabled: stock === undefined || onHand === 0,
        onClick: () => adjust(-1),
      },
      "−1",
    ),
    h(
      "button",
      {
        type: "button",
        disabled: stock === undefined,
        onClick: () => adjust(1),
      },
      "+1",
    ),
    h(
      "button",
      {
        type: "button",
        disabled: stock === undefined,
        onClick: () => adjust(10),
      },
      "+10",
    ),
    h(
      "form",
      {
        onSubmit: (e: Event) => {
          e.preventDefault();
          const counted = Number(count);
          if (Number.isInteger(counted) && counted >= 0) {
            adjust(counted - onHand);
            setCount("");
          }
        },
      },
      h("input", {
        inputMode: "numeric",
        size: 4,
        placeholder: t("stock.counted"),
        "aria-label": t("stock.counted"),
        value: count,
        onInput: (e) => setCount(e.currentTarget.value),
      }),
      h(
        "button",
        { type: "submit", disabled: stock === undefined || count === "" },
        t("stock.set"),
      ),
    ),
  );
}

export function StockScreen({ storeId }: { storeId: string }): JSX.Element {
  const { db } = useWorkspace();
  const [query, setQuery] = useState("");
  const products = useLoadedDocs<ProductDoc>(
    () => db.products.find({ selector: { storeId } }).$,
    [db, storeId],
  );
  const stock = useLoadedDocs<StockDoc>(
    () => db.stock.find({ selector: { storeId } }).$,
    [db, storeId],
  );
  const byProduct = useMemo(
    () => new Map((stock ?? []).map((s) => [s.productId, s])),
    [stock],
  );
  const words = fold(query).split(/\s+/).filter(Boolean);
  const language = lang.get();
  // Sorting by stock needs both lists; until then show nothing rather
  // than rows that jump.
  const shown =
    products === undefined || stock === undefined
      ? []
      : products
          .filter((p) =>
            words.every((w) => fold(`${p.name.fr} ${p.name.en}`).includes(w)),
          )
          .sort(
            (a, b) =>
              (byProduct.get(a.id)?.onHand ?? 0) -
                (byProduct.get(b.id)?.onHand ?? 0) ||
              a.name[language].localeCompare(b.name[language]),
          )
          .slice(0, PAGE);
  return h(
    "section",
    { class: "stock", "data-testid": "stock" },
    h("input", {
      type: "search",
      class: "search",
      placeholder: t("catalog.search"),
      "aria-label": t("catalog.search"),
      value: query,
      onInput: (e) => setQuery(e.currentTarget.value),
    }),
    h("p", { class: "muted" }, t("stock.hint")),
    h(
      "ul",
      { class: "stock-list" },
      shown.map((p) =>
        h(StockRow, { key: p.id, product: p, stock: byProduct.get(p.id) }),
      ),
    ),
  );
}
