import { randomBytes } from "node:crypto";
import { COLLECTION_NAMES } from "@okada/sync-rules";
import nano from "nano";
import type { Configuration } from "nano";
import { describe, it } from "vitest";
import { createCouchStore } from "./couch-store.ts";
import { storeSuite } from "./store.suite.ts";

const url = process.env["COUCHDB_URL"];

if (url === undefined || url === "") {
  console.warn(
    "couch.store.test.ts skipped: set COUCHDB_URL to run the store suite " +
      "against CouchDB, e.g. " +
      "COUCHDB_URL=http://admin:secret@127.0.0.1:5984 " +
      "npx vitest run server/src/store",
  );
  describe.skip("CouchDB store (needs COUCHDB_URL)", () => {
    it("runs the shared store suite", () => {});
  });
} else {
  const couchUrl = url;
  // One random run ID so parallel runs against one server never collide.
  const run = randomBytes(4).toString("hex");
  let stores = 0;

  storeSuite("CouchDB store", () => {
    stores += 1;
    const prefix = `okada_test_${run}_${stores}_`;
    return Promise.resolve({
      store: createCouchStore({ url: couchUrl, prefix }),
      url: couchUrl,
      prefix,
      cleanup: () => dropDatabases(couchUrl, prefix),
    });
  });
}

async function dropDatabases(url: string, prefix: string): Promise<void> {
  const config: Configuration & { parseUrl: boolean } = {
    url,
    parseUrl: false,
  };
  const server = nano(config);
  const names = [...COLLECTION_NAMES, "users"].map((n) => `${prefix}${n}`);
  await Promise.all(
    names.map((name) => server.db.destroy(name).catch(() => undefined)),
  );
}
