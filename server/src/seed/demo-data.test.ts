import { createHash } from "node:crypto";
import type { CollectionName } from "@okada/sync-rules";
import { isOkadaError, schemaProblems, stockIdOf } from "@okada/sync-rules";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "./catalogue.ts";
import { CATEGORIES, UNITS } from "./catalogue-types.ts";
import type { DemoData } from "./demo-data.ts";
import {
  DEFAULT_SEED,
  DEMO_PASSWORD,
  DEMO_UPDATED_AT,
  demoData,
} from "./demo-data.ts";
import { DOUALA, YAOUNDE } from "./demo-places.ts";

const data = demoData();

function countBy<T>(items: readonly T[], key: (item: T) => string) {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe("determinism", () => {
  it("gives byte-identical output for the same seed", () => {
    const a = JSON.stringify(demoData({ seed: 42 }));
    const b = JSON.stringify(demoData({ seed: 42 }));
    expect(a).toBe(b);
  });

  // Product IDs are catalogue positions. When this fingerprint changes,
  // a database seeded earlier gets the new products beside its old ones on
  // the next seed. Inserting into the catalogue is worse than appending:
  // it hands existing IDs to other products.
  it("matches the fingerprint of the released demo data", () => {
    const json = JSON.stringify(demoData());
    expect(createHash("sha256").update(json).digest("hex")).toBe(
      "9ee61219b386e155552ed65a92960b08fc47a1252590a70ee1bf6abf6c34169f",
    );
  });

  it("uses DEFAULT_SEED when no seed is given", () => {
    expect(JSON.stringify(demoData({ seed: DEFAULT_SEED }))).toBe(
      JSON.stringify(data),
    );
  });

  it("gives another catalogue for another seed", () => {
    const other = demoData({ seed: DEFAULT_SEED + 1 });
    expect(other.stores).toEqual(data.stores);
    expect(other.products.map((p) => p.id)).not.toEqual(
      data.products.map((p) => p.id),
    );
  });

  it("keeps the riders when only the product count changes", () => {
    const small = demoData({ productsPerStore: 5 });
    expect(small.riders).toEqual(data.riders);
    expect(small.products).toHaveLength(50);
  });

  it("stays a sane size for a first sync", () => {
    const bytes = Buffer.byteLength(JSON.stringify(data));
    expect(bytes).toBeGreaterThan(200_000);
    expect(bytes).toBeLessThan(2_000_000);
  });
});

describe("stores", () => {
  it("has ten open stores in Douala and Yaoundé", () => {
    expect(data.stores).toHaveLength(10);
    expect(countBy(data.stores, (s) => s.city)).toEqual({
      [DOUALA]: 6,
      [YAOUNDE]: 4,
    });
    expect(data.stores.every((s) => s.open)).toBe(true);
    expect(data.stores[0]?.id).toBe("st_dla_akwa");
  });

  it.each([
    [DOUALA, 4.0, 4.12, 9.64, 9.79],
    [YAOUNDE, 3.83, 3.92, 11.48, 11.56],
  ])("places %s stores inside the city", (city, lat0, lat1, lng0, lng1) => {
    for (const { location } of data.stores.filter((s) => s.city === city)) {
      expect(location.lat).toBeGreaterThan(lat0);
      expect(location.lat).toBeLessThan(lat1);
      expect(location.lng).toBeGreaterThan(lng0);
      expect(location.lng).toBeLessThan(lng1);
    }
  });

  it("names stores after their neighbourhood", () => {
    expect(data.stores.map((s) => s.name)).toContain("Okada Market Bastos");
    for (const store of data.stores) {
      expect(store.name).toMatch(/^Okada Market /);
      expect(store.hours.opens < store.hours.closes).toBe(true);
    }
  });
});

describe("products", () => {
  it("has 200 products in each store, 2,000 in all", () => {
    expect(data.products).toHaveLength(2000);
    const perStore = countBy(data.products, (p) => p.storeId);
    expect(Object.keys(perStore).sort()).toEqual(
      data.stores.map((s) => s.id).sort(),
    );
    expect(Object.values(perStore).every((n) => n === 200)).toBe(true);
  });

  it("gives every store distinct, non-empty names in both languages", () => {
    for (const store of data.stores) {
      const own = data.products.filter((p) => p.storeId === store.id);
      for (const lang of ["fr", "en"] as const) {
        const names = own.map((p) => p.name[lang].trim());
        expect(names.every((n) => n.length > 0)).toBe(true);
        expect(new Set(names).size).toBe(own.length);
      }
    }
  });

  it("varies the assortment from store to store", () => {
    const names = (storeId: string) =>
      data.products.filter((p) => p.storeId === storeId).map((p) => p.id);
    const akwa = names("st_dla_akwa").map((id) => id.slice(-4));
    const bastos = names("st_yde_bastos").map((id) => id.slice(-4));
    expect(akwa).not.toEqual(bastos);
  });

  it("prices in whole XAF, rounded to 25, from 100 to 25,000", () => {
    for (const { priceXaf } of data.products) {
      expect(Number.isInteger(priceXaf)).toBe(true);
      expect(priceXaf % 25).toBe(0);
      expect(priceXaf).toBeGreaterThanOrEqual(100);
      expect(priceXaf).toBeLessThanOrEqual(25_000);
    }
  });

  it("uses the known categories and units, all of them", () => {
    expect(new Set(data.products.map((p) => p.category))).toEqual(
      new Set(CATEGORIES),
    );
    expect(new Set(data.products.map((p) => p.unit))).toEqual(new Set(UNITS));
  });

  it("keeps most products active", () => {
    const active = data.products.filter((p) => p.active).length;
    expect(active).toBeGreaterThan(1800);
    expect(active).toBeLessThan(2000);
  });

  it("knows the Cameroonian basics", () => {
    const fr = new Set(CATALOGUE.map((c) => c.name.fr.split(" (")[0]));
    for (const name of ["Plantain mûr", "Bâtons de manioc", "Ndolé lavé"]) {
      expect(fr).toContain(name);
    }
    const en = data.products.map((p) => p.name.en).join("\n");
    expect(en).toMatch(/33 Export beer/);
  });
});

describe("stock", () => {
  it("has exactly one stock document per product", () => {
    expect(data.stock.map((s) => s.id)).toEqual(
      data.products.map((p) => stockIdOf(p.storeId, p.id)),
    );
  });

  it("holds 0 to 200 units, none reserved, some sold out", () => {
    for (const s of data.stock) {
      expect(Number.isInteger(s.onHand)).toBe(true);
      expect(s.onHand).toBeGreaterThanOrEqual(0);
      expect(s.onHand).toBeLessThanOrEqual(200);
      expect(s.reserved).toBe(0);
    }
    expect(data.stock.some((s) => s.onHand === 0)).toBe(true);
  });
});

describe("riders", () => {
  it("has six riders per city with Cameroonian mobile numbers", () => {
    expect(data.riders).toHaveLength(12);
    expect(countBy(data.riders, (r) => r.city)).toEqual({
      [DOUALA]: 6,
      [YAOUNDE]: 6,
    });
    const phones = data.riders.map((r) => r.phone);
    expect(phones.every((p) => /^\+2376\d{8}$/.test(p))).toBe(true);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it("locates every rider who is not offline", () => {
    for (const rider of data.riders) {
      expect(rider.location === undefined).toBe(
        rider.availability === "offline",
      );
    }
  });
});

describe("users", () => {
  const byName = new Map(data.users.map((u) => [u.username, u]));

  it("has the four demo accounts with the demo password", () => {
    expect([...byName.keys()]).toEqual(["customer", "rider", "staff", "admin"]);
    for (const user of data.users) {
      expect(user._id).toBe(`user:${user.username}`);
      expect(user.password).toBe(DEMO_PASSWORD);
      expect(user.role).toBe(user.username);
    }
  });

  it("ties the rider and staff accounts to Douala documents", () => {
    const rider = data.riders.find(
      (r) => r.id === byName.get("rider")?.riderId,
    );
    expect(rider).toMatchObject({ city: DOUALA, availability: "available" });
    const store = data.stores.find(
      (s) => s.id === byName.get("staff")?.storeId,
    );
    expect(store).toMatchObject({ id: "st_dla_akwa", city: DOUALA });
    expect(byName.get("customer")?.city).toBe(DOUALA);
    expect(byName.get("admin")).not.toHaveProperty("storeId");
  });
});

describe("every document", () => {
  const collections: [CollectionName, Exclude<keyof DemoData, "users">][] = [
    ["stores", "stores"],
    ["products", "products"],
    ["stock", "stock"],
    ["riders", "riders"],
  ];

  it.each(collections)("fits the %s schema", (collection, key) => {
    const docs: readonly { id: string }[] = data[key];
    const problems = docs.flatMap((doc) =>
      schemaProblems(collection, doc).map((p) => `${doc.id}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it("has a unique ID of at most 80 characters", () => {
    const ids = [...data.stores, ...data.products, ...data.riders].map(
      (d) => d.id,
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.length <= 80)).toBe(true);
    expect(new Set(data.stock.map((s) => s.id)).size).toBe(data.stock.length);
  });

  it("carries the fixed demo timestamp", () => {
    const docs = [...data.stores, ...data.products, ...data.stock];
    expect(docs.every((d) => d.updatedAt === DEMO_UPDATED_AT)).toBe(true);
  });
});

describe("options", () => {
  it.each([-1, 1.5, CATALOGUE.length + 1])(
    "refuses productsPerStore %s with BAD_REQUEST",
    (productsPerStore) => {
      let error: unknown;
      try {
        demoData({ productsPerStore });
      } catch (e) {
        error = e;
      }
      expect(isOkadaError(error) && error.code).toBe("BAD_REQUEST");
    },
  );

  it("can take the whole catalogue", () => {
    const all = demoData({ productsPerStore: CATALOGUE.length });
    expect(all.products).toHaveLength(CATALOGUE.length * 10);
  });
});
