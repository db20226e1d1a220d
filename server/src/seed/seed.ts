/**
 * Writes the demo data into a store. Safe to run again and safe to run
 * from two server instances at once: a document or user that already
 * exists (a tombstone included) is left exactly as it is, so demo data
 * never overwrites what people changed and a deleted demo product stays
 * deleted.
 */
import type { CollectionName } from "@okada/sync-rules";
import { OkadaError, schemaProblems } from "@okada/sync-rules";
import type { Logger } from "pino";
import type { Store, StoredDoc, UserRecord } from "../store/types.ts";
import type { DemoData, DemoUser } from "./demo-data.ts";
import { demoData } from "./demo-data.ts";
import { hashPassword } from "./password.ts";

/** Most documents in one `bulkWrite` (and one `getMany`). */
export const SEED_BATCH_SIZE = 500;

export type SeedTarget = "stores" | "products" | "stock" | "riders" | "users";

export interface SeedResult {
  /** Documents and users this run created, per collection. */
  written: Record<SeedTarget, number>;
  /** Those that already existed and were left alone. */
  skipped: Record<SeedTarget, number>;
}

/**
 * Seeds `data` (by default `demoData()`) into `store`, collection by
 * collection in batches of at most `SEED_BATCH_SIZE`, stores before the
 * products and stock that point at them. Users go through `putUsers`
 * with freshly salted password hashes.
 *
 * It does not check `store.isEmpty()`; deciding whether to seed at all is
 * the caller's business.
 *
 * Rejects with `SCHEMA_VIOLATION` when a document does not fit its schema
 * (before writing that batch), and with `INTERNAL` when the store refuses
 * a write for a reason other than a conflict.
 *
 * @example
 * const { written } = await seedDemoData(store, logger);
 * // first run: { stores: 10, products: 2000, stock: 2000, riders: 12,
 * //              users: 4 }; later runs: all zero
 */
export async function seedDemoData(
  store: Store,
  logger?: Logger,
  data: DemoData = demoData(),
): Promise<SeedResult> {
  const result: SeedResult = { written: zeros(), skipped: zeros() };
  const collections = [
    ["stores", data.stores],
    ["products", data.products],
    ["stock", data.stock],
    ["riders", data.riders],
  ] as const;
  for (const [name, docs] of collections) {
    const counts = await seedCollection(store, name, docs, logger);
    result.written[name] = counts.written;
    result.skipped[name] = counts.skipped;
  }
  const users = await seedUsers(store, data.users);
  result.written.users = users.written;
  result.skipped.users = users.skipped;
  // Debug only: callers log the result they get back.
  logger?.debug(
    { written: result.written, skipped: result.skipped },
    "demo data seed finished",
  );
  return result;
}

function zeros(): Record<SeedTarget, number> {
  return { stores: 0, products: 0, stock: 0, riders: 0, users: 0 };
}

interface Counts {
  written: number;
  skipped: number;
}

async function seedCollection(
  store: Store,
  name: CollectionName,
  docs: readonly { id: string }[],
  logger: Logger | undefined,
): Promise<Counts> {
  const collection = store.collection(name);
  const counts: Counts = { written: 0, skipped: 0 };
  for (let start = 0; start < docs.length; start += SEED_BATCH_SIZE) {
    const batch = docs.slice(start, start + SEED_BATCH_SIZE);
    batch.forEach((doc) => assertFits(name, doc));
    const existing = await collection.getMany(batch.map((doc) => doc.id));
    const missing = batch.filter((doc) => !existing.has(doc.id));
    counts.skipped += batch.length - missing.length;
    if (missing.length === 0) continue;
    const results = await collection.bulkWrite(missing.map(toStored));
    const failures = results.filter((r) => !r.ok && r.error !== "conflict");
    if (failures.length > 0) {
      throw new OkadaError(
        "INTERNAL",
        `Seeding ${name} failed: the store refused ${failures.length} ` +
          `documents. Check the store's logs, then run the seed again ` +
          `(documents already written are kept).`,
        { collection: name, failures: failures.slice(0, 5) },
      );
    }
    // A conflict means another instance wrote the document first.
    const written = results.filter((r) => r.ok).length;
    counts.written += written;
    counts.skipped += missing.length - written;
    logger?.debug(
      { collection: name, batchStart: start, written },
      "seed batch written",
    );
  }
  return counts;
}

function assertFits(name: CollectionName, doc: { id: string }): void {
  const problems = schemaProblems(name, doc);
  if (problems.length > 0) {
    throw new OkadaError(
      "SCHEMA_VIOLATION",
      `Demo ${name}/${doc.id} does not fit the ${name} schema: ` +
        `${problems.slice(0, 5).join("; ")}. Fix the demo data generator.`,
      { collection: name, id: doc.id, problems },
    );
  }
}

function toStored(doc: { id: string }): StoredDoc {
  return { _id: doc.id, ...doc };
}

async function seedUsers(
  store: Store,
  users: readonly DemoUser[],
): Promise<Counts> {
  const records: UserRecord[] = [];
  for (const user of users) {
    if ((await store.getUser(user.username)) !== undefined) continue;
    records.push(await toUserRecord(user));
  }
  if (records.length > 0) await store.putUsers(records);
  return { written: records.length, skipped: users.length - records.length };
}

/** The stored form of a demo user: the password replaced by its hash. */
export async function toUserRecord(user: DemoUser): Promise<UserRecord> {
  const { password, ...rest } = user;
  return { ...rest, passwordHash: await hashPassword(password) };
}
