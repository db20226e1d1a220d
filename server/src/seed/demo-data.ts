/**
 * Deterministic demo data: ten stores in Douala and Yaoundé, about 2,000
 * products priced in XAF with their stock, a dozen riders, and the four
 * demo accounts. The same options give byte-identical output on every
 * machine; nothing reads the clock or `Math.random`.
 *
 * Each store and the riders draw from their own random stream, so asking
 * for fewer products in a store leaves the riders unchanged.
 */
import type {
  ProductDoc,
  RiderDoc,
  StockDoc,
  StoreDoc,
} from "@okada/sync-rules";
import { OkadaError, RIDER_AVAILABILITY, stockIdOf } from "@okada/sync-rules";
import type { UserRecord } from "../store/types.ts";
import { CATALOGUE } from "./catalogue.ts";
import { roundXaf } from "./catalogue-types.ts";
import type { DemoCity, StoreSite } from "./demo-places.ts";
import {
  DEMO_CITIES,
  DEMO_PEOPLE,
  DOUALA,
  RIDER_NAMES,
  STORE_SITES,
} from "./demo-places.ts";
import type { Rng } from "./random.ts";
import { chance, intBetween, pick, rngFor, shuffled } from "./random.ts";

/** `updatedAt` of every generated document. */
export const DEMO_UPDATED_AT = "2026-01-01T00:00:00.000Z";
/** The password of every demo account. */
export const DEMO_PASSWORD = "okada";
/** Cameroon's calling code; any 32-bit integer works. */
export const DEFAULT_SEED = 237;
export const DEFAULT_PRODUCTS_PER_STORE = 200;

export interface DemoDataOptions {
  /** Seed of the random streams. Default `DEFAULT_SEED` (237). */
  seed?: number;
  /**
   * Products in each store, drawn from the catalogue without repeats.
   * Default 200; at most `CATALOGUE.length` (361).
   */
  productsPerStore?: number;
}

/**
 * A demo account before its password is hashed. Hashing uses a random
 * salt, so it happens when seeding (see `seedDemoData`), not here.
 */
export type DemoUser = Omit<UserRecord, "_rev" | "passwordHash"> & {
  password: string;
};

export interface DemoData {
  stores: StoreDoc[];
  products: ProductDoc[];
  stock: StockDoc[];
  riders: RiderDoc[];
  users: DemoUser[];
}

/**
 * Builds the demo data set.
 *
 * @example
 * const { stores, products } = demoData(); // 10 stores, 2,000 products
 * const small = demoData({ seed: 1, productsPerStore: 20 });
 */
export function demoData(options: DemoDataOptions = {}): DemoData {
  const seed = options.seed ?? DEFAULT_SEED;
  const perStore = checkedProductsPerStore(options.productsPerStore);
  const stores = STORE_SITES.map(storeDoc);
  const products: ProductDoc[] = [];
  const stock: StockDoc[] = [];
  for (const store of stores) {
    const own = storeProducts(store.id, perStore, rngFor(seed, store.id));
    const stockRng = rngFor(seed, `${store.id}/stock`);
    products.push(...own);
    stock.push(...own.map((p) => stockDoc(p, stockRng)));
  }
  const riders = riderDocs(rngFor(seed, "riders"));
  return { stores, products, stock, riders, users: demoUsers(riders) };
}

function checkedProductsPerStore(value: number | undefined): number {
  const n = value ?? DEFAULT_PRODUCTS_PER_STORE;
  if (!Number.isInteger(n) || n < 0 || n > CATALOGUE.length) {
    throw new OkadaError(
      "BAD_REQUEST",
      `productsPerStore must be an integer from 0 to ${CATALOGUE.length} ` +
        `(the catalogue size); got ${n}.`,
    );
  }
  return n;
}

export function storeIdOf(site: StoreSite): string {
  return `st_${site.short}`;
}

function storeDoc(site: StoreSite): StoreDoc {
  return {
    id: storeIdOf(site),
    name: `Okada Market ${site.neighbourhood}`,
    city: site.city,
    address: site.address,
    location: { lat: site.lat, lng: site.lng },
    open: true,
    hours: { opens: site.opens, closes: site.closes },
    updatedAt: DEMO_UPDATED_AT,
  };
}

/**
 * `count` catalogue products, in catalogue order, each at a store price
 * within 8 % of the typical one. About 1 in 25 is switched off.
 */
function storeProducts(storeId: string, count: number, rng: Rng) {
  const indexes = shuffled(rng, [...CATALOGUE.keys()])
    .slice(0, count)
    .sort((a, b) => a - b);
  const short = storeId.replace(/^st_/, "");
  return indexes.map((index): ProductDoc => {
    const item = CATALOGUE[index];
    if (item === undefined) throw new RangeError(`no catalogue item ${index}`);
    return {
      id: `p_${short}_${String(index).padStart(4, "0")}`,
      storeId,
      name: { ...item.name },
      category: item.category,
      priceXaf: roundXaf(item.basePriceXaf * (0.92 + rng() * 0.16)),
      unit: item.unit,
      active: !chance(rng, 0.04),
      updatedAt: DEMO_UPDATED_AT,
    };
  });
}

/** Stock between 0 and 200; about 1 product in 16 is sold out. */
function stockDoc(product: ProductDoc, rng: Rng): StockDoc {
  return {
    id: stockIdOf(product.storeId, product.id),
    storeId: product.storeId,
    productId: product.id,
    onHand: chance(rng, 0.06) ? 0 : intBetween(rng, 1, 200),
    reserved: 0,
    updatedAt: DEMO_UPDATED_AT,
  };
}

function riderDocs(rng: Rng): RiderDoc[] {
  const riders: RiderDoc[] = [];
  for (const city of DEMO_CITIES) {
    RIDER_NAMES[city].forEach((name, i) => {
      // The demo rider account must find work as soon as it logs in.
      const isDemoRider = city === DOUALA && i === 0;
      const availability = isDemoRider
        ? "available"
        : pick(rng, RIDER_AVAILABILITY);
      const rider: RiderDoc = {
        id: riderIdOf(city, i),
        name,
        city,
        phone: cameroonMobile(rng),
        availability,
        updatedAt: DEMO_UPDATED_AT,
      };
      if (availability !== "offline") rider.location = nearStore(city, rng);
      riders.push(rider);
    });
  }
  return riders;
}

function riderIdOf(city: DemoCity, index: number): string {
  const prefix = city === DOUALA ? "dla" : "yde";
  return `rd_${prefix}_${String(index + 1).padStart(2, "0")}`;
}

/** `+2376` and eight digits, on MTN (65x, 67x, 68x) or Orange (69x). */
function cameroonMobile(rng: Rng): string {
  let digits = pick(rng, ["5", "7", "8", "9"]);
  for (let i = 0; i < 7; i++) digits += String(intBetween(rng, 0, 9));
  return `+2376${digits}`;
}

/** Within about a kilometre of one of the city's stores. */
function nearStore(
  city: DemoCity,
  rng: Rng,
): NonNullable<RiderDoc["location"]> {
  const site = pick(
    rng,
    STORE_SITES.filter((s) => s.city === city),
  );
  const jitter = () => (rng() - 0.5) * 0.02;
  return {
    lat: round5(site.lat + jitter()),
    lng: round5(site.lng + jitter()),
    accuracy: intBetween(rng, 5, 60),
    recordedAt: DEMO_UPDATED_AT,
  };
}

function round5(x: number): number {
  return Math.round(x * 100_000) / 100_000;
}

/**
 * The demo accounts. The username is the user's ID in tokens and
 * scopes; `_id` follows the stores' `user:<username>` convention.
 */
function demoUsers(riders: readonly RiderDoc[]): DemoUser[] {
  const rider = riders[0];
  const staffStore = STORE_SITES[0];
  if (rider === undefined || staffStore === undefined) {
    throw new RangeError("demo data needs at least one rider and store");
  }
  const user = (
    username: string,
    rest: Omit<DemoUser, "_id" | "username" | "password">,
  ): DemoUser => ({
    _id: `user:${username}`,
    username,
    password: DEMO_PASSWORD,
    ...rest,
  });
  return [
    user("customer", {
      role: "customer",
      name: DEMO_PEOPLE.customer,
      city: DOUALA,
    }),
    user("rider", {
      role: "rider",
      name: rider.name,
      riderId: rider.id,
      city: rider.city,
    }),
    user("staff", {
      role: "staff",
      name: DEMO_PEOPLE.staff,
      storeId: storeIdOf(staffStore),
      city: staffStore.city,
    }),
    user("admin", { role: "admin", name: DEMO_PEOPLE.admin }),
  ];
}
