import { t } from "../i18n/lang.ts";
import type { MessageKey } from "../i18n/messages.ts";

const CATEGORY_KEYS: Readonly<Record<string, MessageKey>> = {
  "fruits-legumes": "category.fruits-legumes",
  epicerie: "category.epicerie",
  boissons: "category.boissons",
  frais: "category.frais",
  boulangerie: "category.boulangerie",
  hygiene: "category.hygiene",
  maison: "category.maison",
  bebe: "category.bebe",
};

const UNIT_KEYS: Readonly<Record<string, MessageKey>> = {
  kg: "unit.kg",
  l: "unit.l",
  piece: "unit.piece",
  pack: "unit.pack",
  sachet: "unit.sachet",
};

/** A category's name; an unknown one shows as stored. */
export function categoryLabel(category: string): string {
  const key = CATEGORY_KEYS[category];
  return key === undefined ? category : t(key);
}

export function unitLabel(unit: string): string {
  const key = UNIT_KEYS[unit];
  return key === undefined ? unit : t(key);
}
