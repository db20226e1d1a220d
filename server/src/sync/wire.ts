import type { WireDoc } from "@okada/sync-rules";
import type { StoredDoc } from "../store/types.ts";

/** Fields CouchDB adds that must never reach a client. */
const STORE_ONLY = ["_id", "_rev", "_revisions", "_conflicts", "_attachments"];

export function toWire(doc: StoredDoc): WireDoc {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!STORE_ONLY.includes(key)) out[key] = value;
  }
  out["id"] = doc._id;
  out["_deleted"] = doc._deleted === true;
  return out as WireDoc;
}

/**
 * The stored form of a wire document. A deletion keeps its whole body so
 * that tombstones still say what was deleted.
 */
export function toStored(doc: WireDoc, rev?: string): StoredDoc {
  const { _deleted, ...fields } = doc;
  const out: StoredDoc = { ...fields, _id: doc.id };
  for (const key of ["_rev", "_meta", "_attachments"]) delete out[key];
  if (rev !== undefined) out._rev = rev;
  if (_deleted) out._deleted = true;
  return out;
}
