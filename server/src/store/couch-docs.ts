/**
 * Reading and writing documents by ID: `_all_docs` for reads, `_bulk_docs`
 * for compare-and-set writes. We always delete by writing the full body with
 * `_deleted: true`, and readers of a tombstone need that body back.
 */
import type { CouchHttp } from "./couch-http.ts";
import { unexpectedReply } from "./couch-errors.ts";
import {
  asArray,
  asObject,
  asStoredDoc,
  asString,
  isObject,
} from "./couch-wire.ts";
import type { CurrentDoc, StoredDoc, WriteResult } from "./types.ts";

/** The winning revision of each existing ID, without bodies. */
export interface RevInfo {
  rev: string;
  deleted: boolean;
  /** Present for live documents when bodies were asked for. */
  doc?: StoredDoc;
}

export async function readRevs(
  http: CouchHttp,
  db: string,
  ids: readonly string[],
  withBodies: boolean,
): Promise<Map<string, RevInfo>> {
  const found = new Map<string, RevInfo>();
  if (ids.length === 0) return found;
  const what = "POST /db/_all_docs";
  const body = await http.call({
    method: "POST",
    db,
    path: "_all_docs",
    qs: { include_docs: withBodies },
    body: { keys: ids },
  });
  for (const value of asArray(asObject(body, what)["rows"], what)) {
    const row = asObject(value, what);
    // Unknown IDs come back as `{ key, error: "not_found" }`.
    if (row["error"] !== undefined || !isObject(row["value"])) continue;
    const id = asString(row["id"], what);
    const rev = asString(row["value"]["rev"], what);
    const deleted = row["value"]["deleted"] === true;
    const info: RevInfo = { rev, deleted };
    if (withBodies && !deleted) info.doc = asStoredDoc(row["doc"], what);
    found.set(id, info);
  }
  return found;
}

export async function getMany(
  http: CouchHttp,
  db: string,
  ids: readonly string[],
): Promise<Map<string, CurrentDoc>> {
  const revs = await readRevs(http, db, ids, true);
  const entries = await Promise.all(
    [...revs].map(async ([id, info]): Promise<[string, CurrentDoc]> => {
      // `_all_docs` answers `doc: null` for a tombstone; the body lives in
      // that revision.
      const doc = info.doc ?? (await readRevision(http, db, id, info.rev));
      return [id, { rev: info.rev, deleted: info.deleted, doc }];
    }),
  );
  return new Map(entries);
}

async function readRevision(
  http: CouchHttp,
  db: string,
  id: string,
  rev: string,
): Promise<StoredDoc> {
  const reply = await http.send(
    { db, doc: id, qs: { rev } },
    { accept: [404] },
  );
  // Purged or compacted away between the two reads: a bare stub is all
  // that is left.
  if (!reply.ok) return { _id: id, _rev: rev, _deleted: true };
  return asStoredDoc(reply.body, "GET /db/doc?rev");
}

export async function bulkWrite(
  http: CouchHttp,
  db: string,
  docs: readonly StoredDoc[],
): Promise<WriteResult[]> {
  if (docs.length === 0) return [];
  const what = "POST /db/_bulk_docs";
  const body = await http.call({
    method: "POST",
    db,
    path: "_bulk_docs",
    body: { docs },
  });
  const rows = asArray(body, what);
  // CouchDB answers each document in order; a missing answer would leave
  // a write neither acknowledged nor refused.
  if (rows.length !== docs.length) throw unexpectedReply(what);
  return rows.map((row, i) =>
    toWriteResult(asObject(row, what), docs[i]?._id ?? "", what),
  );
}

function toWriteResult(
  row: Record<string, unknown>,
  id: string,
  what: string,
): WriteResult {
  if (row["error"] === undefined) {
    return { id, ok: true, rev: asString(row["rev"], what) };
  }
  const error = typeof row["error"] === "string" ? row["error"] : "unknown";
  const reason = typeof row["reason"] === "string" ? row["reason"] : error;
  if (error === "conflict") return { id, ok: false, error, reason };
  if (error === "forbidden" || error === "unauthorized") {
    return { id, ok: false, error: "forbidden", reason };
  }
  return { id, ok: false, error: "other", reason };
}
