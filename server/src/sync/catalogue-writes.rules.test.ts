/**
 * Who may write stores, products, stock and riders, asked of a real
 * server over GraphQL: every row below is pushed by each of the eight
 * actors, and the outcome is checked in the reply and in the store.
 * Columns: customer, customer2 (Douala), customerYde, staff
 * (st_dla_akwa), staffYde (st_yde_bastos), rider (rd_dla_01), rider2
 * (rd_dla_02), admin.
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { RIDER_AVAILABILITY, type WireDoc } from "@okada/sync-rules";
import { startTestServer } from "@okada/test-tools";
import {
  directoryOf,
  fixtureTime,
  later,
  runWriteCase,
  seedWriteFixtures,
  signInActors,
  writeCases,
  type Expected,
  type WriteBench,
  type WriteRow,
} from "./rules-test-support.ts";

const ADMIN_ONLY: Expected = ["F", "F", "F", "F", "F", "F", "F", "ok"];
const OWN_STAFF: Expected = ["F", "F", "F", "ok", "F", "F", "F", "ok"];
const YDE_STAFF: Expected = ["F", "F", "F", "F", "ok", "F", "F", "ok"];
const OWN_RIDER: Expected = ["F", "F", "F", "F", "F", "ok", "F", "ok"];
const RIDER2_ONLY: Expected = ["F", "F", "F", "F", "F", "F", "ok", "ok"];
/** Server-owned: not even an admin. */
const NOBODY: Expected = ["F", "F", "F", "F", "F", "F", "F", "F"];
const ALL_SV: Expected = ["SV", "SV", "SV", "SV", "SV", "SV", "SV", "SV"];

function store(id: string): WireDoc {
  return {
    id,
    name: `Okada Market ${id}`,
    city: "Kribi",
    address: "Rue du Port, Kribi",
    location: { lat: 2.94, lng: 9.91 },
    open: true,
    hours: { opens: "07:00", closes: "21:00" },
    updatedAt: fixtureTime(0),
    _deleted: false,
  };
}

function product(id: string, storeId = "st_dla_akwa"): WireDoc {
  return {
    id,
    storeId,
    name: { fr: "Huile de palme 1 L", en: "Palm oil 1 L" },
    category: "epicerie",
    priceXaf: 1200,
    unit: "bouteille",
    active: true,
    updatedAt: fixtureTime(0),
    _deleted: false,
  };
}

function stock(productId: string): WireDoc {
  return {
    id: `st_dla_akwa:${productId}`,
    storeId: "st_dla_akwa",
    productId,
    onHand: 10,
    reserved: 0,
    updatedAt: fixtureTime(0),
    _deleted: false,
  };
}

function rider(id: string): WireDoc {
  return {
    id,
    name: "Serge Tchoupo",
    city: "Douala",
    phone: "+237677000000",
    availability: "available",
    updatedAt: fixtureTime(0),
    _deleted: false,
  };
}

/** The master with `fields` changed, recorded now. */
function edit(fields: Record<string, unknown>) {
  return (before: WireDoc | undefined): WireDoc => ({
    ...(before as WireDoc),
    ...fields,
    updatedAt: later(),
  });
}

function edited(change: (before: WireDoc, key: string) => object) {
  return (before: WireDoc | undefined, { key }: { key: string }): WireDoc => {
    const master = before as WireDoc;
    return { ...master, ...change(master, key), updatedAt: later() };
  };
}

const remove = edit({ _deleted: true });

/** Minutes 0-59 from a case key, for values that differ per case. */
function minuteOf(key: string): string {
  const n = [...key].reduce((sum, c) => sum + c.charCodeAt(0), 0);
  return String(n % 60).padStart(2, "0");
}

const ROWS: WriteRow[] = [
  {
    name: "stores: create",
    collection: "stores",
    after: (_, { key }) => store(`st_kribi_${key}`),
    expected: ADMIN_ONLY,
  },
  {
    name: "stores: open",
    collection: "stores",
    before: "st_dla_akwa",
    after: edited((master) => ({ open: master["open"] !== true })),
    expected: OWN_STAFF,
  },
  {
    name: "stores: hours",
    collection: "stores",
    before: "st_dla_akwa",
    after: edited((_, key) => ({
      hours: { opens: `06:${minuteOf(key)}`, closes: "22:00" },
    })),
    expected: OWN_STAFF,
  },
  {
    name: "stores: name, address and location",
    collection: "stores",
    before: "st_dla_akwa",
    after: edited((_, key) => ({
      name: `Okada Market Akwa ${key}`,
      address: `Rue ${key}, Akwa, Douala`,
      location: { lat: 4.049, lng: 9.698 },
    })),
    expected: ADMIN_ONLY,
  },
  {
    name: "stores: city",
    collection: "stores",
    before: (key) => store(`st_kribi_c${key}`),
    after: edit({ city: "Limbe" }),
    expected: ADMIN_ONLY,
  },
  {
    name: "stores: delete",
    collection: "stores",
    before: (key) => store(`st_kribi_d${key}`),
    after: remove,
    expected: ADMIN_ONLY,
  },
  {
    name: "products: create in st_dla_akwa",
    collection: "products",
    after: (_, { key }) => product(`p_new_${key}`),
    expected: OWN_STAFF,
  },
  {
    name: "products: create in st_yde_bastos",
    collection: "products",
    after: (_, { key }) => product(`p_new_yde_${key}`, "st_yde_bastos"),
    expected: YDE_STAFF,
  },
  {
    name: "products: price",
    collection: "products",
    before: (key) => product(`p_price_${key}`),
    after: edit({ priceXaf: 1250 }),
    expected: OWN_STAFF,
  },
  {
    name: "products: name, category and unit",
    collection: "products",
    before: (key) => product(`p_label_${key}`),
    after: edit({
      name: { fr: "Huile rouge 1 L", en: "Red oil 1 L" },
      category: "huiles",
      unit: "litre",
    }),
    expected: OWN_STAFF,
  },
  {
    name: "products: deactivate",
    collection: "products",
    before: (key) => product(`p_active_${key}`),
    after: edit({ active: false }),
    expected: OWN_STAFF,
  },
  {
    name: "products: move to another store",
    collection: "products",
    before: (key) => product(`p_move_${key}`),
    after: edit({ storeId: "st_dla_deido" }),
    expected: ["F", "F", "F", "IF", "F", "F", "F", "IF"],
  },
  {
    name: "products: a price that is not whole XAF",
    collection: "products",
    before: (key) => product(`p_cents_${key}`),
    after: edit({ priceXaf: 1199.5 }),
    expected: ALL_SV,
  },
  {
    name: "products: delete",
    collection: "products",
    before: (key) => product(`p_delete_${key}`),
    after: remove,
    expected: ADMIN_ONLY,
  },
  {
    name: "stock: create with nothing reserved",
    collection: "stock",
    after: (_, { key }) => stock(`p_stock_new_${key}`),
    expected: OWN_STAFF,
  },
  {
    name: "stock: create with units reserved",
    collection: "stock",
    after: (_, { key }) => ({ ...stock(`p_stock_res_${key}`), reserved: 4 }),
    expected: NOBODY,
  },
  {
    name: "stock: create under an id that does not match",
    collection: "stock",
    after: (_, { key }) => ({
      ...stock(`p_stock_bad_${key}`),
      id: `st_dla_akwa:p_other_${key}`,
    }),
    expected: ["F", "F", "F", "BR", "F", "F", "F", "BR"],
  },
  {
    name: "stock: adjust onHand",
    collection: "stock",
    before: (key) => stock(`p_stock_adj_${key}`),
    after: edit({ onHand: 13 }),
    expected: OWN_STAFF,
  },
  {
    name: "stock: negative onHand",
    collection: "stock",
    before: (key) => stock(`p_stock_neg_${key}`),
    after: edit({ onHand: -1 }),
    expected: ALL_SV,
  },
  {
    name: "stock: reserved (server-owned)",
    collection: "stock",
    before: (key) => stock(`p_stock_rsv_${key}`),
    after: edit({ reserved: 2 }),
    expected: NOBODY,
  },
  {
    name: "stock: delete",
    collection: "stock",
    before: (key) => stock(`p_stock_del_${key}`),
    after: remove,
    expected: ADMIN_ONLY,
  },
  {
    name: "riders: create",
    collection: "riders",
    after: (_, { key }) => rider(`rd_new_${key}`),
    expected: ADMIN_ONLY,
  },
  {
    name: "riders: availability of rd_dla_01",
    collection: "riders",
    before: "rd_dla_01",
    after: edited((master) => ({
      availability: RIDER_AVAILABILITY.find(
        (a) => a !== master["availability"],
      ),
    })),
    expected: OWN_RIDER,
  },
  {
    name: "riders: availability of rd_dla_02",
    collection: "riders",
    before: "rd_dla_02",
    after: edited((master) => ({
      availability: RIDER_AVAILABILITY.find(
        (a) => a !== master["availability"],
      ),
    })),
    expected: RIDER2_ONLY,
  },
  {
    name: "riders: location of rd_dla_01",
    collection: "riders",
    before: "rd_dla_01",
    after: (before) => {
      const recordedAt = later();
      const location = { lat: 4.05, lng: 9.7, accuracy: 12, recordedAt };
      return { ...(before as WireDoc), location, updatedAt: recordedAt };
    },
    expected: OWN_RIDER,
  },
  {
    name: "riders: name and phone of rd_dla_01",
    collection: "riders",
    before: "rd_dla_01",
    after: edited((_, key) => ({
      name: `Samuel Ekambi ${key}`,
      phone: `+23769900${minuteOf(key)}00`,
    })),
    expected: ADMIN_ONLY,
  },
  {
    name: "riders: city",
    collection: "riders",
    before: (key) => rider(`rd_city_${key}`),
    after: edit({ city: "Yaoundé" }),
    expected: ADMIN_ONLY,
  },
  {
    name: "riders: delete",
    collection: "riders",
    before: (key) => rider(`rd_delete_${key}`),
    after: remove,
    expected: ADMIN_ONLY,
  },
];

const CASES = writeCases(ROWS);
let bench: WriteBench;

beforeAll(async () => {
  const ts = await startTestServer({ seed: true, pollTimeoutMs: 1000 });
  bench = {
    ts,
    actors: await signInActors(ts),
    directory: await directoryOf(ts),
  };
  await seedWriteFixtures(ts, CASES);
});

afterAll(async () => {
  await bench?.ts.close();
});

describe("catalogue and rider writes over GraphQL", () => {
  it.each(CASES.map((c) => [c.title, c] as const))("%s", async (_, c) => {
    await runWriteCase(bench, c);
  });
});
