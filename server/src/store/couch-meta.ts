/**
 * The server's own database, `<prefix>server`: small documents that
 * only server instances read (checkpoints, leases). Clients never reach
 * it: no collection, no transport serves it.
 */
import { OkadaError } from "@okada/sync-rules";
import { bulkWrite } from "./couch-docs.ts";
import type { CouchHttp } from "./couch-http.ts";
import { asObject, asString } from "./couch-wire.ts";
import type { MetaStore, StoredDoc } from "./types.ts";

/** Field names CouchDB reserves, never part of a value. */
const COUCH_FIELDS = new Set(["_id", "_rev", "_deleted", "_revisions"]);

export function createCouchMeta(http: CouchHttp, db: string): MetaStore {
  return {
    async get(id) {
      const reply = await http.send({ db, doc: id }, { accept: [404] });
      if (!reply.ok) return undefined;
      const doc = asObject(reply.body, "GET /server/doc");
      const value: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(doc)) {
        if (!COUCH_FIELDS.has(key)) value[key] = field;
      }
      return { rev: asString(doc["_rev"], "GET /server/doc"), value };
    },
    async put(id, value, rev) {
      const doc: StoredDoc = { ...value, _id: id };
      if (rev !== undefined) doc._rev = rev;
      const [result] = await bulkWrite(http, db, [doc]);
      if (result?.ok) return { ok: true, rev: result.rev };
      if (result?.error === "conflict") return { ok: false };
      throw new OkadaError(
        "INTERNAL",
        `The store refused server document ${id}: ` +
          `${result?.reason ?? "no answer"}.`,
      );
    },
  };
}
