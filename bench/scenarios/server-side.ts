/**
 * What scenarios do on the server's side of the link: read and write
 * through the sync core in process, never through the measured link.
 */
import type { SyncUser } from "@okada/server";
import {
  COLLECTION_NAMES,
  MAX_PULL_LIMIT,
  type CollectionName,
  type PushRow,
  type SyncCheckpoint,
  type WireDoc,
} from "@okada/sync-rules";
import type { ApproachName, BenchClient } from "../clients/types.ts";
import type { DemoUsername, RunEnv } from "../harness/env.ts";
import { BenchError } from "../harness/errors.ts";

export type Counts = Record<CollectionName, number>;

/** A demo account as the sync core sees it, from the store. */
export async function syncUserOf(
  env: RunEnv,
  username: DemoUsername,
): Promise<SyncUser> {
  const record = await env.server.server.store.getUser(username);
  if (record === undefined) {
    throw new BenchError("SETUP", `The demo user ${username} is missing.`);
  }
  const user: SyncUser = {
    id: record.username,
    role: record.role,
    name: record.name,
  };
  if (record.storeId !== undefined) user.storeId = record.storeId;
  if (record.riderId !== undefined) user.riderId = record.riderId;
  if (record.city !== undefined) user.city = record.city;
  return user;
}

/** Every live document `user` may read, per collection, by pulling. */
export async function visibleDocs(
  env: RunEnv,
  user: SyncUser,
  collection: CollectionName,
): Promise<WireDoc[]> {
  const { core } = env.server.server;
  const docs = new Map<string, WireDoc>();
  let checkpoint: SyncCheckpoint | null = null;
  for (;;) {
    const page = await core.pull(user, collection, checkpoint, MAX_PULL_LIMIT);
    for (const doc of page.documents) {
      if (doc._deleted) docs.delete(doc.id);
      else docs.set(doc.id, doc);
    }
    if (page.documents.length < MAX_PULL_LIMIT) break;
    checkpoint = page.checkpoint;
  }
  return [...docs.values()];
}

/**
 * What a caught-up client holds: the user's documents for the scoped
 * approaches, every document of every database for PouchDB.
 */
export async function expectedCounts(
  env: RunEnv,
  approach: ApproachName,
  user: SyncUser,
): Promise<Counts> {
  const everyone: SyncUser = { id: "bench", role: "admin", name: "Bench" };
  const reader = approach === "pouchdb" ? everyone : user;
  const counts = {} as Counts;
  for (const name of COLLECTION_NAMES) {
    counts[name] = (await visibleDocs(env, reader, name)).length;
  }
  return counts;
}

export async function holdsCounts(
  client: BenchClient,
  expected: Counts,
): Promise<boolean> {
  for (const name of COLLECTION_NAMES) {
    if ((await client.count(name)) !== expected[name]) return false;
  }
  return true;
}

/** The server's current state of each of `ids` (missing ones left out). */
export async function serverDocs(
  env: RunEnv,
  collection: CollectionName,
  ids: readonly string[],
): Promise<WireDoc[]> {
  const found = await env.server.server.store
    .collection(collection)
    .getMany(ids);
  return [...found.values()].map(({ doc, deleted }) => {
    const { _id, _rev, ...fields } = doc;
    return { ...fields, id: _id, _deleted: deleted };
  });
}

/** Writes through the sync core as `user`; every row must be taken. */
export async function serverPush(
  env: RunEnv,
  user: SyncUser,
  collection: CollectionName,
  rows: PushRow[],
): Promise<void> {
  const { core } = env.server.server;
  const result = await core.push(user, collection, rows);
  const refused = result.rejections[0];
  if (refused !== undefined) {
    throw new BenchError(
      "SETUP",
      `The server refused ${collection}/${refused.id}: ${refused.code} ` +
        `${refused.message}`,
    );
  }
}
