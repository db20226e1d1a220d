/**
 * User accounts, one document per user in `<prefix>users` with the ID
 * `user:<username>`, so a login is one read by key.
 */
import { OkadaError } from "@okada/sync-rules";
import { bulkWrite, readRevs } from "./couch-docs.ts";
import type { CouchHttp } from "./couch-http.ts";
import { asObject, asString } from "./couch-wire.ts";
import type { StoredDoc, UserRecord } from "./types.ts";

/** Concurrent writers of the same user each get this many tries. */
const PUT_ATTEMPTS = 3;

export function userDocId(username: string): string {
  return `user:${username}`;
}

export async function getUser(
  http: CouchHttp,
  db: string,
  username: string,
): Promise<UserRecord | undefined> {
  const reply = await http.send(
    { db, doc: userDocId(username) },
    { accept: [404] },
  );
  if (!reply.ok) {
    // "missing" or "deleted": no such user. Anything else is a missing
    // database, which init() should have created.
    if (reply.reason === "missing" || reply.reason === "deleted") {
      return undefined;
    }
    throw new OkadaError(
      "INTERNAL",
      `The users database ${db} is missing; run the store's init() first.`,
    );
  }
  const doc = asObject(reply.body, "GET /users/doc");
  asString(doc["username"], "GET /users/doc");
  // Only this module writes user documents.
  return doc as unknown as UserRecord;
}

/**
 * Creates or overwrites each user, whatever revision the store holds:
 * seeding and admin tools state the whole record, they do not merge.
 */
export async function putUsers(
  http: CouchHttp,
  db: string,
  users: readonly UserRecord[],
): Promise<void> {
  let pending = users.map(toUserDoc);
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const revs = await readRevs(
      http,
      db,
      pending.map((doc) => doc._id),
      false,
    );
    const docs = pending.map((doc) => {
      const current = revs.get(doc._id);
      // Over a tombstone, a write without `_rev` starts the user anew.
      return current === undefined || current.deleted
        ? doc
        : { ...doc, _rev: current.rev };
    });
    const results = await bulkWrite(http, db, docs);
    const failed = results.find((r) => !r.ok && r.error !== "conflict");
    if (failed !== undefined && !failed.ok) {
      throw new OkadaError(
        "INTERNAL",
        `Saving user ${failed.id} failed: ${failed.reason}.`,
      );
    }
    pending = pending.filter((_, i) => results[i]?.ok === false);
    if (pending.length > 0 && attempt >= PUT_ATTEMPTS) {
      throw new OkadaError(
        "INTERNAL",
        "Users kept changing while being saved; try again.",
      );
    }
  }
}

function toUserDoc(user: UserRecord): StoredDoc {
  // The ID always follows the username, whatever the caller passed, so
  // getUser() finds what putUsers() wrote.
  const { _rev: _ignored, ...fields } = user;
  return { ...fields, _id: userDocId(user.username) };
}
