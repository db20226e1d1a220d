/**
 * Approach (c), the baseline: PouchDB 9 replicating each of the five
 * databases directly with the embedded CouchDB-compatible server, the
 * classic way (no scopes: the whole database comes down). Local data
 * is LevelDB in a temporary folder. A catch-up is one-shot
 * `PouchDB.sync` (push and pull at once) of all five databases in
 * parallel, which is the most a plain PouchDB app can overlap.
 *
 * Requests go through the global `fetch` (undici, kept-alive
 * connections) as in a browser. PouchDB's Node default, node-fetch 2,
 * sends `Connection: close` and so would pay a TCP handshake per
 * request, a cost no browser app pays.
 */
import { join } from "node:path";
import PouchDB from "pouchdb";
import { COLLECTION_NAMES, type CollectionName } from "@okada/sync-rules";
import { withTimeout } from "../harness/wait.ts";
import { BenchError } from "../harness/errors.ts";
import { TrackedFetch } from "./tracked-fetch.ts";
import type {
  BenchClient,
  ClientTarget,
  PlainDoc,
  ClientSettings,
} from "./types.ts";

type Db = PouchDB.Database<Record<string, unknown>>;

function toPlain(doc: Record<string, unknown>): PlainDoc {
  const { _id, _rev, ...rest } = doc;
  return { ...rest, id: String(_id) };
}

export function openPouchClient(
  target: ClientTarget,
  settings: ClientSettings,
  dbPrefix = "okada_",
): BenchClient {
  const http = new TrackedFetch();
  const local = new Map<CollectionName, Db>();
  const remote = new Map<CollectionName, Db>();
  for (const name of COLLECTION_NAMES) {
    local.set(name, new PouchDB(join(target.dir, name)));
    const url = new URL(`/${dbPrefix}${name}`, target.url).toString();
    remote.set(name, new PouchDB(url, { skip_setup: true, fetch: http.fetch }));
  }
  const db = (name: CollectionName, of = local): Db => {
    const found = of.get(name);
    if (!found) throw new BenchError("SETUP", `no database for ${name}`);
    return found;
  };

  async function syncAll(): Promise<void> {
    await Promise.all(
      COLLECTION_NAMES.map(async (name) => {
        await db(name).sync(db(name, remote), { batch_size: 100 });
      }),
    );
    await http.idle();
  }

  return {
    approach: "pouchdb",
    async get(name, id) {
      try {
        return toPlain(await db(name).get(id));
      } catch (error) {
        if ((error as { status?: number }).status === 404) return null;
        throw error;
      }
    },
    async put(name, doc) {
      const current = await db(name)
        .get(doc.id)
        .catch(() => null);
      const { id, ...fields } = doc;
      await db(name).put({
        ...fields,
        id,
        _id: id,
        ...(current ? { _rev: current._rev } : {}),
      });
    },
    async count(name) {
      const info = await db(name).info();
      const design = await db(name).allDocs({
        startkey: "_design/",
        endkey: "_design/\uffff",
      });
      return info.doc_count - design.rows.length;
    },
    async sync(done) {
      await withTimeout(syncAll(), settings.syncTimeoutMs, "PouchDB sync");
      if (!(await done())) {
        throw new BenchError(
          "SETUP",
          "PouchDB replication finished but the client is not caught up.",
        );
      }
    },
    offline: () => Promise.resolve(),
    async close() {
      await http.idle();
      await Promise.all(
        [...local.values(), ...remote.values()].map((d) => d.close()),
      );
    },
  };
}
