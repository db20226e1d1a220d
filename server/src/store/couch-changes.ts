/**
 * Reading a database's `_changes` feed, by page or by longpoll.
 *
 * Design documents (the Mango indexes init() creates) are changes too. They
 * are dropped here so callers only see collection documents, while
 * `lastSeq` still moves past them.
 */
import type { CouchHttp } from "./couch-http.ts";
import {
  asArray,
  asObject,
  asSeq,
  asStoredDoc,
  asString,
  isObject,
} from "./couch-wire.ts";
import type { Change, ChangesPage } from "./types.ts";

/** Most changes one longpoll answer carries; the rest come by paging. */
const WAIT_LIMIT = 100;

/**
 * How long past its own timeout a longpoll may take before the request
 * counts as hung. The local timer normally ends the wait long before.
 */
const WAIT_SLACK_MS = 30_000;

/**
 * Design documents are skipped, and further rows fetched in their place,
 * so fewer than `limit` results still means the feed had no more.
 */
export async function readChanges(
  http: CouchHttp,
  db: string,
  since: string,
  limit: number,
): Promise<ChangesPage> {
  const pageLimit = Math.max(1, Math.floor(limit));
  const results: Change[] = [];
  let cursor = since;
  for (;;) {
    const want = pageLimit - results.length;
    const body = await http.call({
      db,
      path: "_changes",
      qs: { since: cursor, limit: want, include_docs: true },
    });
    const { page, rows } = toPage(body);
    results.push(...page.results);
    const stuck = page.lastSeq === cursor;
    cursor = page.lastSeq;
    if (rows < want || results.length >= pageLimit || stuck) {
      return { results, lastSeq: cursor };
    }
  }
}

/**
 * Longpoll. CouchDB ends the request itself after `timeout`, but the
 * embedded server ignores that parameter, so a local timer of the same
 * length ends the wait too; whichever comes first, a timeout resolves with
 * an empty page that resumes from `since`.
 */
export async function waitChanges(
  http: CouchHttp,
  db: string,
  since: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ChangesPage> {
  signal.throwIfAborted();
  const wake = new AbortController();
  const timer = setTimeout(() => wake.abort(), timeoutMs);
  const onAbort = (): void => wake.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const body = await http.call(
      {
        db,
        path: "_changes",
        qs: {
          feed: "longpoll",
          since,
          timeout: timeoutMs,
          limit: WAIT_LIMIT,
          include_docs: true,
        },
      },
      // The local timer, not the request deadline, ends a quiet wait.
      { signal: wake.signal, timeoutMs: timeoutMs + WAIT_SLACK_MS },
    );
    return toPage(body).page;
  } catch (err) {
    signal.throwIfAborted();
    if (wake.signal.aborted) return { results: [], lastSeq: since };
    throw err;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
  }
}

export async function readCurrentSeq(
  http: CouchHttp,
  db: string,
): Promise<string> {
  const info = asObject(await http.call({ db }), "GET /db");
  return asSeq(info["update_seq"], "update_seq");
}

function toPage(body: unknown): { page: ChangesPage; rows: number } {
  const what = "GET /db/_changes";
  const answer = asObject(body, what);
  const rows = asArray(answer["results"], what);
  const results: Change[] = [];
  for (const row of rows) {
    const change = toChange(row, what);
    if (!change.id.startsWith("_design/")) results.push(change);
  }
  const page = { results, lastSeq: asSeq(answer["last_seq"], what) };
  return { page, rows: rows.length };
}

function toChange(value: unknown, what: string): Change {
  const row = asObject(value, what);
  const id = asString(row["id"], what);
  const seq = asSeq(row["seq"], what);
  const deleted = row["deleted"] === true;
  // A tombstone written without a body comes back as a bare stub at most.
  const doc =
    deleted && !isObject(row["doc"])
      ? { _id: id, _deleted: true }
      : asStoredDoc(row["doc"], what);
  return { id, seq, deleted, doc };
}
