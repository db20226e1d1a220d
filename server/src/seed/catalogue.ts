/**
 * The whole demo catalogue, in a fixed order: a product's position here
 * is its number in every store's product IDs (`p_dla_akwa_0042` is the
 * same product as `p_yde_essos_0042`). Adding a line anywhere but at the
 * end of this list renumbers every product after it, and a database seeded
 * earlier would then hold old IDs that now mean other products.
 */
import { BAKERY, FRESH, PRODUCE } from "./catalogue-fresh.ts";
import { DRINKS } from "./catalogue-drinks.ts";
import { GROCERY } from "./catalogue-grocery.ts";
import { BABY, HOUSEHOLD, HYGIENE } from "./catalogue-household.ts";
import type { CatalogueItem } from "./catalogue-types.ts";
import { expandCatalogue } from "./catalogue-types.ts";

export const CATALOGUE: readonly CatalogueItem[] = expandCatalogue([
  ...PRODUCE,
  ...GROCERY,
  ...DRINKS,
  ...FRESH,
  ...BAKERY,
  ...HYGIENE,
  ...HOUSEHOLD,
  ...BABY,
]);
