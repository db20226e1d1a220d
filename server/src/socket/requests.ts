/**
 * The two requests of the socket protocol, on top of the sync core. Both
 * cover every collection in one round trip: on a 2G link each round trip
 * costs around half a second before a single byte of data moves.
 */
import {
  parsePullRequest,
  parsePushRequest,
  type CollectionName,
  type CollectionPull,
  type PullReply,
  type PushReply,
  type PushResult,
} from "@okada/sync-rules";
import type { SyncCore } from "../sync/core.ts";
import { parseRows } from "../sync/push.ts";
import type { SyncUser } from "../sync/user.ts";

/** What a handled request adds to its log line. */
export type RequestStats = Record<string, number>;

export interface Handled<Reply> {
  reply: Reply;
  stats: RequestStats;
}

/**
 * Reads every requested collection from its checkpoint, in parallel. A
 * page as long as the limit says `more`: the client pulls again from the
 * new checkpoint (a last page that happens to be full costs one empty
 * pull, never a missed change).
 */
export async function handlePull(
  core: SyncCore,
  user: SyncUser,
  payload: unknown,
): Promise<Handled<PullReply>> {
  const { checkpoints, limit } = parsePullRequest(payload);
  const names = Object.keys(checkpoints) as CollectionName[];
  const pulls = await Promise.all(
    names.map(async (name): Promise<[CollectionName, CollectionPull]> => {
      const result = await core.pull(user, name, checkpoints[name], limit);
      return [name, { ...result, more: result.documents.length >= limit }];
    }),
  );
  let documents = 0;
  for (const [, pull] of pulls) documents += pull.documents.length;
  return {
    reply: { ok: true, collections: Object.fromEntries(pulls) },
    stats: { collections: names.length, documents },
  };
}

/**
 * Writes every collection's rows, collection by collection in request
 * order, and resolves once the store holds them. Every row of every
 * collection is checked first, so a request with one malformed row is
 * refused whole and writes nothing, as over GraphQL.
 *
 * When the store fails half way, the collections before it are written
 * and the request still answers with the error; the client pushes the
 * same rows again, which is harmless (a stored state replays as done).
 */
export async function handlePush(
  core: SyncCore,
  user: SyncUser,
  payload: unknown,
): Promise<Handled<PushReply>> {
  const { rows } = parsePushRequest(payload);
  const names = Object.keys(rows) as CollectionName[];
  for (const name of names) parseRows(name, rows[name]);
  const results: Partial<Record<CollectionName, PushResult>> = {};
  let count = 0;
  let conflicts = 0;
  let rejections = 0;
  for (const name of names) {
    const result = await core.push(user, name, rows[name]);
    results[name] = result;
    count += rows[name]?.length ?? 0;
    conflicts += result.conflicts.length;
    rejections += result.rejections.length;
  }
  return {
    reply: { ok: true, results },
    stats: { collections: names.length, rows: count, conflicts, rejections },
  };
}
