/**
 * Authorization matrix for stores, products, stock and riders: every
 * demo user against every operation. Columns: customer, otherCustomer,
 * staff (st_dla_akwa), otherStaff (st_yde_bastos), rider (rd_dla_01),
 * otherRider, admin, server. F = FORBIDDEN, IF = IMMUTABLE_FIELD,
 * BR = BUSINESS_RULE, SV = SCHEMA_VIOLATION.
 */
import { describe, expect, it } from "vitest";
import type { CollectionName } from "../../collections.ts";
import type { WireDoc } from "../../protocol.ts";
import {
  PRODUCT,
  RIDER,
  STOCK,
  STORE,
  USERS,
  at,
  patch,
} from "../test-support.ts";
import { checkWrite } from "./api.ts";
import type { Expected } from "./matrix-support.ts";
import { cases } from "./matrix-support.ts";

interface Row {
  name: string;
  collection: CollectionName;
  before: WireDoc | undefined;
  after: WireDoc;
  expected: Expected;
}

const later = { updatedAt: at(5) };
const gone = { _deleted: true, ...later };

function update(
  collection: CollectionName,
  doc: WireDoc,
  name: string,
  fields: Record<string, unknown>,
  expected: Expected,
): Row {
  const after = patch(doc, { ...fields, ...later });
  return { name, collection, before: doc, after, expected };
}

const ADMIN_ONLY: Expected = ["F", "F", "F", "F", "F", "F", "ok", "ok"];
const OWN_STAFF: Expected = ["F", "F", "ok", "F", "F", "F", "ok", "ok"];
const OWN_RIDER: Expected = ["F", "F", "F", "F", "ok", "F", "ok", "ok"];
const SERVER_ONLY: Expected = ["F", "F", "F", "F", "F", "F", "F", "ok"];
const ALL_SV: Expected = ["SV", "SV", "SV", "SV", "SV", "SV", "SV", "SV"];

const ROWS: Row[] = [
  // stores
  {
    name: "stores: create",
    collection: "stores",
    before: undefined,
    after: STORE,
    expected: ADMIN_ONLY,
  },
  update("stores", STORE, "stores: open", { open: false }, OWN_STAFF),
  update(
    "stores",
    STORE,
    "stores: hours",
    { hours: { opens: "06:00", closes: "23:00" } },
    OWN_STAFF,
  ),
  update("stores", STORE, "stores: name", { name: "Akwa II" }, ADMIN_ONLY),
  update("stores", STORE, "stores: city", { city: "Edéa" }, ADMIN_ONLY),
  update(
    "stores",
    STORE,
    "stores: location",
    { location: { lat: 4, lng: 9 } },
    ADMIN_ONLY,
  ),
  update("stores", STORE, "stores: delete", gone, ADMIN_ONLY),
  // products
  {
    name: "products: create",
    collection: "products",
    before: undefined,
    after: PRODUCT,
    expected: OWN_STAFF,
  },
  update("products", PRODUCT, "products: price", { priceXaf: 550 }, OWN_STAFF),
  update(
    "products",
    PRODUCT,
    "products: name",
    { name: { fr: "Banane plantain", en: "Plantain" } },
    OWN_STAFF,
  ),
  update(
    "products",
    PRODUCT,
    "products: category and unit",
    { category: "legumes", unit: "tas" },
    OWN_STAFF,
  ),
  update(
    "products",
    PRODUCT,
    "products: deactivate",
    { active: false },
    OWN_STAFF,
  ),
  update(
    "products",
    PRODUCT,
    "products: move to another store",
    { storeId: "st_yde_bastos" },
    ["F", "F", "IF", "F", "F", "F", "IF", "ok"],
  ),
  update("products", PRODUCT, "products: delete", gone, ADMIN_ONLY),
  // stock
  {
    name: "stock: create with nothing reserved",
    collection: "stock",
    before: undefined,
    after: STOCK,
    expected: OWN_STAFF,
  },
  {
    name: "stock: create with units reserved",
    collection: "stock",
    before: undefined,
    after: patch(STOCK, { reserved: 5 }),
    expected: SERVER_ONLY,
  },
  {
    name: "stock: create with an id that does not match",
    collection: "stock",
    before: undefined,
    after: patch(STOCK, { id: "st_dla_akwa:p_other" }),
    expected: ["F", "F", "BR", "F", "F", "F", "BR", "BR"],
  },
  update("stock", STOCK, "stock: adjust onHand", { onHand: 7 }, OWN_STAFF),
  update("stock", STOCK, "stock: negative onHand", { onHand: -1 }, ALL_SV),
  update("stock", STOCK, "stock: reserve", { reserved: 2 }, SERVER_ONLY),
  update("stock", STOCK, "stock: delete", gone, ADMIN_ONLY),
  // riders
  {
    name: "riders: create",
    collection: "riders",
    before: undefined,
    after: RIDER,
    expected: ADMIN_ONLY,
  },
  update(
    "riders",
    RIDER,
    "riders: availability",
    { availability: "busy" },
    OWN_RIDER,
  ),
  update(
    "riders",
    RIDER,
    "riders: location",
    {
      location: { lat: 4.06, lng: 9.7, accuracy: 5, recordedAt: at(4) },
    },
    OWN_RIDER,
  ),
  update("riders", RIDER, "riders: name", { name: "A. Kamga" }, ADMIN_ONLY),
  update("riders", RIDER, "riders: phone", { phone: "+2376" }, ADMIN_ONLY),
  update("riders", RIDER, "riders: city", { city: "Yaoundé" }, ADMIN_ONLY),
  update("riders", RIDER, "riders: delete", gone, ADMIN_ONLY),
];

describe("authorization: catalogue and riders", () => {
  it.each(cases(ROWS))("%s", (_name, row, user, expected) => {
    const verdict = checkWrite(
      USERS[user],
      row.collection,
      row.before,
      row.after,
    );
    expect(verdict.ok ? "ok" : verdict.code).toBe(expected);
    if (!verdict.ok) expect(verdict.message).toMatch(/\.$/);
  });

  it.each([
    [
      "otherStaff",
      "products",
      PRODUCT,
      { priceXaf: 1 },
      "Only staff of store st_dla_akwa can change priceXaf of product " +
        "p_plantain.",
    ],
    [
      "staff",
      "stock",
      STOCK,
      { reserved: 1 },
      "Only the server sets reserved of stock level " +
        "st_dla_akwa:p_plantain; send 0.",
    ],
    [
      "rider",
      "riders",
      RIDER,
      { name: "X" },
      "Only an admin can change name of rider rd_dla_01.",
    ],
    [
      "customer",
      "riders",
      RIDER,
      { name: "X" },
      "Only rider rd_dla_01 themselves can change rider rd_dla_01.",
    ],
    [
      "staff",
      "stores",
      STORE,
      gone,
      "Only an admin can delete store st_dla_akwa.",
    ],
  ] as const)("%s writing %s is told why", (user, kind, doc, fields, text) => {
    const verdict = checkWrite(USERS[user], kind, doc, patch(doc, fields));
    expect(verdict).toMatchObject({ ok: false, message: text });
  });

  it("refuses a write whose id differs from the stored one", () => {
    const verdict = checkWrite(
      USERS.admin,
      "products",
      PRODUCT,
      patch(PRODUCT, { id: "p_other" }),
    );
    expect(verdict).toMatchObject({ ok: false, code: "BAD_REQUEST" });
  });

  it("treats a write over a tombstone as a create", () => {
    const tomb = patch(PRODUCT, { _deleted: true });
    expect(checkWrite(USERS.staff, "products", tomb, PRODUCT).ok).toBe(true);
    expect(checkWrite(USERS.customer, "products", tomb, PRODUCT)).toMatchObject(
      { code: "FORBIDDEN" },
    );
  });
});
