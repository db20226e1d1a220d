/**
 * The shape of the demo grocery catalogue. A catalogue is written as
 * product lines ("fragrant rice") with their kinds (brands, flavours) and
 * sizes; `expandCatalogue` turns them into distinct products.
 */

export const CATEGORIES = [
  "fruits-legumes",
  "epicerie",
  "boissons",
  "frais",
  "boulangerie",
  "hygiene",
  "maison",
  "bebe",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const UNITS = ["kg", "l", "piece", "pack", "sachet"] as const;
/** How a product is sold: its price is for one of these. */
export type Unit = (typeof UNITS)[number];

/** One size or packaging of a line, with its typical price. */
export interface Variant {
  fr: string;
  en: string;
  priceXaf: number;
  /** Overrides the line's unit ("pack" for a crate of beer). */
  unit?: Unit;
}

/** A brand or flavour; multiplies the variant's price by `factor`. */
export interface Kind {
  fr: string;
  en: string;
  factor: number;
}

/**
 * A product line. With kinds, `fr` and `en` are templates in which `{}`
 * stands for the kind: `"Riz parfumé {}"`, `"{} fragrant rice"`.
 */
export interface Line {
  fr: string;
  en: string;
  category: Category;
  unit: Unit;
  kinds?: readonly Kind[];
  variants: readonly Variant[];
}

/** A product of the catalogue before it is placed in a store. */
export interface CatalogueItem {
  name: { fr: string; en: string };
  category: Category;
  unit: Unit;
  /** Typical price; each store moves it a little. */
  basePriceXaf: number;
}

/**
 * A size: `q(1.5, "l", 900)` is "1,5 l" in French and "1.5 l" in English.
 */
export function q(
  amount: number,
  measure: string,
  priceXaf: number,
  unit?: Unit,
): Variant {
  const en = `${amount} ${measure}`;
  return v(en.replace(".", ","), en, priceXaf, unit);
}

/** A labelled variant: `v("(tas de 4)", "(heap of 4)", 600)`. */
export function v(
  fr: string,
  en: string,
  priceXaf: number,
  unit?: Unit,
): Variant {
  return unit === undefined ? { fr, en, priceXaf } : { fr, en, priceXaf, unit };
}

/** A brand, spelled the same in both languages: `brand("Peak", 1.1)`. */
export function brand(name: string, factor = 1): Kind {
  return { fr: name, en: name, factor };
}

/** A translated kind: `flavour("Pamplemousse", "grapefruit")`. */
export function flavour(fr: string, en: string, factor = 1): Kind {
  return { fr, en, factor };
}

/**
 * A line maker for one category, to keep catalogue files short:
 * `const line = lineIn("epicerie"); line("sachet", "Sel", "salt", [...])`.
 */
export function lineIn(category: Category) {
  return (
    unit: Unit,
    fr: string,
    en: string,
    variants: readonly Variant[],
    kinds?: readonly Kind[],
  ): Line =>
    kinds === undefined
      ? { fr, en, category, unit, variants }
      : { fr, en, category, unit, variants, kinds };
}

export const MIN_PRICE_XAF = 100;
export const MAX_PRICE_XAF = 25_000;

/**
 * A shelf price: whole francs, rounded to 25 XAF below 1,000 and to 50 XAF
 * above, as shelf prices usually are, kept within [MIN_PRICE_XAF,
 * MAX_PRICE_XAF].
 */
export function roundXaf(raw: number): number {
  const step = raw < 1000 ? 25 : 50;
  const rounded = Math.round(raw / step) * step;
  return Math.min(MAX_PRICE_XAF, Math.max(MIN_PRICE_XAF, rounded));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function productName(
  template: string,
  kind: Kind | undefined,
  lang: "fr" | "en",
  variant: Variant,
): string {
  const base =
    kind === undefined ? template : template.replace("{}", kind[lang]);
  return capitalise(`${base} ${variant[lang]}`.trim());
}

/** Every kind × variant of every line, in catalogue order. */
export function expandCatalogue(lines: readonly Line[]): CatalogueItem[] {
  const items: CatalogueItem[] = [];
  for (const line of lines) {
    const kinds = line.kinds ?? [undefined];
    for (const kind of kinds) {
      for (const variant of line.variants) {
        items.push({
          name: {
            fr: productName(line.fr, kind, "fr", variant),
            en: productName(line.en, kind, "en", variant),
          },
          category: line.category,
          unit: variant.unit ?? line.unit,
          basePriceXaf: roundXaf(variant.priceXaf * (kind?.factor ?? 1)),
        });
      }
    }
  }
  return items;
}
