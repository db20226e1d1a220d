import { describe, expect, it } from "vitest";
import { CATALOGUE } from "./catalogue.ts";
import type { Line } from "./catalogue-types.ts";
import {
  CATEGORIES,
  UNITS,
  brand,
  expandCatalogue,
  flavour,
  q,
  roundXaf,
  v,
} from "./catalogue-types.ts";

describe("roundXaf", () => {
  it.each([
    [0, 100],
    [112, 100],
    [113, 125],
    [385.00000000000006, 375],
    [987, 975],
    [999, 1000],
    [1024, 1000],
    [1025, 1050],
    [4471, 4450],
    [30_000, 25_000],
  ])("rounds %s to %s", (raw, price) => {
    expect(roundXaf(raw)).toBe(price);
  });
});

describe("expandCatalogue", () => {
  const lines: Line[] = [
    {
      fr: "Riz parfumé {}",
      en: "{} fragrant rice",
      category: "epicerie",
      unit: "sachet",
      kinds: [brand("Mémé Cassé"), brand("Royal Umbrella", 1.3)],
      variants: [q(1, "kg", 900), q(25, "kg", 17_000, "piece")],
    },
    {
      fr: "Top {}",
      en: "Top {}",
      category: "boissons",
      unit: "piece",
      kinds: [flavour("Pamplemousse", "grapefruit")],
      variants: [q(1.5, "l", 900)],
    },
    {
      fr: "Plantain mûr",
      en: "ripe plantains",
      category: "fruits-legumes",
      unit: "pack",
      variants: [v("(tas de 4)", "(heap of 4)", 600)],
    },
  ];

  it("makes one product per kind and variant, with both names", () => {
    expect(expandCatalogue(lines)).toEqual([
      {
        name: {
          fr: "Riz parfumé Mémé Cassé 1 kg",
          en: "Mémé Cassé fragrant rice 1 kg",
        },
        category: "epicerie",
        unit: "sachet",
        basePriceXaf: 900,
      },
      {
        name: {
          fr: "Riz parfumé Mémé Cassé 25 kg",
          en: "Mémé Cassé fragrant rice 25 kg",
        },
        category: "epicerie",
        unit: "piece",
        basePriceXaf: 17_000,
      },
      {
        name: {
          fr: "Riz parfumé Royal Umbrella 1 kg",
          en: "Royal Umbrella fragrant rice 1 kg",
        },
        category: "epicerie",
        unit: "sachet",
        basePriceXaf: 1150,
      },
      {
        name: {
          fr: "Riz parfumé Royal Umbrella 25 kg",
          en: "Royal Umbrella fragrant rice 25 kg",
        },
        category: "epicerie",
        unit: "piece",
        basePriceXaf: 22_100,
      },
      {
        name: { fr: "Top Pamplemousse 1,5 l", en: "Top grapefruit 1.5 l" },
        category: "boissons",
        unit: "piece",
        basePriceXaf: 900,
      },
      {
        name: {
          fr: "Plantain mûr (tas de 4)",
          en: "Ripe plantains (heap of 4)",
        },
        category: "fruits-legumes",
        unit: "pack",
        basePriceXaf: 600,
      },
    ]);
  });
});

describe("CATALOGUE", () => {
  it("is large enough for 200 distinct products per store", () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(300);
  });

  it.each(["fr", "en"] as const)("has unique %s names", (lang) => {
    const names = CATALOGUE.map((c) => c.name[lang]);
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    expect(repeated).toEqual([]);
  });

  it("fills every category with at least ten products", () => {
    for (const category of CATEGORIES) {
      const n = CATALOGUE.filter((c) => c.category === category).length;
      expect(n, category).toBeGreaterThanOrEqual(10);
    }
  });

  it("writes clean names within the schema's 160 characters", () => {
    for (const { name } of CATALOGUE) {
      for (const text of [name.fr, name.en]) {
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/\{\}| {2}/);
        expect(text.length).toBeLessThanOrEqual(160);
        expect(text.charAt(0)).toBe(text.charAt(0).toUpperCase());
      }
    }
  });

  it("writes French decimals with a comma and English with a point", () => {
    const water = CATALOGUE.find(
      (c) => c.name.en === "Tangui mineral water 1.5 l",
    );
    expect(water?.name.fr).toBe("Eau minérale Tangui 1,5 l");
  });

  it("uses known units and shelf prices", () => {
    for (const item of CATALOGUE) {
      expect(UNITS).toContain(item.unit);
      expect(roundXaf(item.basePriceXaf)).toBe(item.basePriceXaf);
    }
  });
});
