/**
 * Read scopes: what each demo user reads, collection by collection, and
 * that nothing outside their scopes ever passes the read check.
 */
import { describe, expect, it } from "vitest";
import type { CollectionName } from "../../collections.ts";
import type { WireDoc } from "../../protocol.ts";
import type { UserName } from "../test-support.ts";
import {
  DIRECTORY,
  NEW_ORDER,
  PRODUCT,
  RIDER,
  STOCK,
  STORE,
  USERS,
  YAOUNDE_STORE,
  orderAt,
  patch,
} from "../test-support.ts";
import { canRead, createReader, docScopes, userScopes } from "./reading.ts";
import { EMPTY_DIRECTORY, storeDirectory } from "./user-scopes.ts";

describe("document scopes", () => {
  it.each([
    ["stores", STORE, ["city:Douala", "store:st_dla_akwa"]],
    ["products", PRODUCT, ["catalogue:st_dla_akwa"]],
    ["stock", STOCK, ["catalogue:st_dla_akwa"]],
    ["riders", RIDER, ["rider:rd_dla_01", "fleet:Douala"]],
    ["orders", NEW_ORDER, ["customer:customer", "store:st_dla_akwa"]],
    [
      "orders",
      orderAt("accepted"),
      ["customer:customer", "store:st_dla_akwa", "rider:rd_dla_01"],
    ],
    ["orders", { id: "ord_x", _deleted: true }, []],
  ] as const)("%s %j", (collection, doc, expected) => {
    expect(docScopes(collection, doc as WireDoc)).toEqual(expected);
  });
});

describe("user scopes", () => {
  it.each([
    ["customer", ["customer:customer", "city:Douala", "catalogue:st_dla_akwa"]],
    [
      "staff",
      [
        "store:st_dla_akwa",
        "catalogue:st_dla_akwa",
        "fleet:Douala",
        "city:Douala",
      ],
    ],
    ["rider", ["rider:rd_dla_01", "city:Douala", "catalogue:st_dla_akwa"]],
    ["admin", "all"],
    ["server", "all"],
  ] as const)("%s", (user, expected) => {
    expect(userScopes(USERS[user], DIRECTORY)).toEqual(expected);
  });

  it("without a directory, staff keep their own store's catalogue", () => {
    expect(userScopes(USERS.customer)).toEqual([
      "customer:customer",
      "city:Douala",
    ]);
    expect(userScopes(USERS.staff, EMPTY_DIRECTORY)).toContain(
      "catalogue:st_dla_akwa",
    );
  });

  it("leaves deleted stores out of the directory", () => {
    const directory = storeDirectory([
      STORE,
      { id: "st_dla_old", city: "Douala", _deleted: true },
      { id: "st_dla_bonapriso", city: "Douala" },
    ]);
    expect(directory.storesIn("Douala")).toEqual([
      "st_dla_akwa",
      "st_dla_bonapriso",
    ]);
    expect(directory.storesIn("Kribi")).toEqual([]);
  });

  it("gives a user with no city claim no catalogue", () => {
    expect(userScopes({ id: "c", role: "customer" }, DIRECTORY)).toEqual([
      "customer:c",
    ]);
  });
});

const YAOUNDE_PRODUCT = patch(PRODUCT, {
  id: "p_yde",
  storeId: "st_yde_bastos",
});
const OTHER_ORDER = patch(NEW_ORDER, { id: "ord_2", customerId: "cust_2" });
const YAOUNDE_ORDER = patch(NEW_ORDER, {
  id: "ord_3",
  customerId: "cust_yde",
  storeId: "st_yde_bastos",
});
const OTHER_RIDER = patch(RIDER, { id: "rd_dla_02" });
const YAOUNDE_RIDER = patch(RIDER, { id: "rd_yde_01", city: "Yaoundé" });

/** Rows: document, then the users who read it. Everyone else must not. */
const READERS: [string, CollectionName, WireDoc, UserName[]][] = [
  [
    "a Douala store",
    "stores",
    STORE,
    [
      "customer",
      "otherCustomer",
      "staff",
      "rider",
      "otherRider",
      "admin",
      "server",
    ],
  ],
  [
    "a Yaoundé store",
    "stores",
    YAOUNDE_STORE,
    ["yaoundeCustomer", "otherStaff", "admin", "server"],
  ],
  [
    "a Douala product",
    "products",
    PRODUCT,
    [
      "customer",
      "otherCustomer",
      "staff",
      "rider",
      "otherRider",
      "admin",
      "server",
    ],
  ],
  [
    "a Yaoundé product",
    "products",
    YAOUNDE_PRODUCT,
    ["yaoundeCustomer", "otherStaff", "admin", "server"],
  ],
  [
    "a Douala stock level",
    "stock",
    STOCK,
    [
      "customer",
      "otherCustomer",
      "staff",
      "rider",
      "otherRider",
      "admin",
      "server",
    ],
  ],
  [
    "the customer's pending order",
    "orders",
    NEW_ORDER,
    ["customer", "staff", "admin", "server"],
  ],
  [
    "the customer's order once a rider is assigned",
    "orders",
    orderAt("accepted"),
    ["customer", "staff", "rider", "admin", "server"],
  ],
  [
    "another customer's order",
    "orders",
    OTHER_ORDER,
    ["otherCustomer", "staff", "admin", "server"],
  ],
  [
    "an order at a Yaoundé store",
    "orders",
    YAOUNDE_ORDER,
    ["yaoundeCustomer", "otherStaff", "admin", "server"],
  ],
  ["the demo rider", "riders", RIDER, ["staff", "rider", "admin", "server"]],
  [
    "another Douala rider",
    "riders",
    OTHER_RIDER,
    ["staff", "otherRider", "admin", "server"],
  ],
  [
    "a Yaoundé rider",
    "riders",
    YAOUNDE_RIDER,
    ["otherStaff", "admin", "server"],
  ],
];

const ALL_USERS = Object.keys(USERS) as UserName[];

describe("canRead: role x collection", () => {
  const cases = READERS.flatMap(([what, collection, doc, readers]) =>
    ALL_USERS.map(
      (user) =>
        [
          `${what}: ${user}`,
          collection,
          doc,
          user,
          readers.includes(user),
        ] as const,
    ),
  );

  it.each(cases)("%s", (_name, collection, doc, user, expected) => {
    expect(canRead(USERS[user], collection, doc, DIRECTORY)).toBe(expected);
  });

  it("agrees with a reader built once for many documents", () => {
    for (const user of ALL_USERS) {
      const read = createReader(USERS[user], DIRECTORY);
      for (const [, collection, doc] of READERS) {
        expect(read(collection, doc)).toBe(
          canRead(USERS[user], collection, doc, DIRECTORY),
        );
      }
    }
  });

  it("drops an order from the old rider's scope when it is reassigned", () => {
    const assigned = orderAt("ready");
    const reassigned = patch(assigned, { riderId: "rd_dla_02" });
    expect(canRead(USERS.rider, "orders", assigned)).toBe(true);
    expect(canRead(USERS.rider, "orders", reassigned)).toBe(false);
    expect(canRead(USERS.otherRider, "orders", reassigned)).toBe(true);
  });
});
