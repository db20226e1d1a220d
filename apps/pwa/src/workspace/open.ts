/**
 * Opens a user's workspace: their local database on this device (one
 * per user, so a shared tablet never mixes two people's data) and its
 * sync, wired to the journal and the notices.
 */
import { createOkadaClient } from "@okada/client-sdk";
import type { Subscription } from "rxjs";
import { freshToken, type SessionUser } from "../session/session.ts";
import { readLocal, writeLocal } from "../ui/local.ts";
import { createStore, type Store } from "../ui/store.ts";
import type { WorkspaceValue } from "./context.ts";
import { Journal } from "./journal.ts";
import { Notices } from "./notices.ts";

export interface OpenWorkspace extends WorkspaceValue {
  close(): Promise<void>;
}

/** RxDB names: lower case letters, digits, `_`, `-`. */
export function databaseName(userId: string): string {
  return `okada-${userId.toLowerCase().replace(/[^a-z0-9_-]/g, "_")}`;
}

/** Written at most this often: the status changes many times a sync. */
const SAVE_EVERY_MS = 10_000;

function rememberedLastSync(userId: string): Store<number | null> {
  const key = `okada.lastSync.${userId}`;
  const saved = readLocal(key);
  const store = createStore(typeof saved === "number" ? saved : null);
  let savedAt = typeof saved === "number" ? saved : 0;
  store.subscribe((at) => {
    if (at !== null && at - savedAt >= SAVE_EVERY_MS) {
      savedAt = at;
      writeLocal(key, at);
    }
  });
  return store;
}

// A database must be closed before the same name opens again (signing
// out and straight back in).
let closing: Promise<void> = Promise.resolve();

export async function openWorkspace(user: SessionUser): Promise<OpenWorkspace> {
  await closing;
  const { db, sync } = await createOkadaClient({
    url: location.origin,
    getToken: freshToken,
    name: databaseName(user.id),
  });
  const journal = new Journal(user.id);
  const notices = new Notices(user.id);
  const lastSync = rememberedLastSync(user.id);
  const subscriptions: Subscription[] = [
    sync.rejected$.subscribe((write) =>
      notices.refused(write, journal.latest(write.collection, write.id)),
    ),
    sync.conflicts$.subscribe((conflict) =>
      notices.merged(
        conflict,
        journal.latest(conflict.collection, conflict.id),
      ),
    ),
    sync.status$.subscribe((status) => {
      journal.settle(status);
      const at = status.lastSyncedAt;
      if (at !== null && at > (lastSync.get() ?? 0)) lastSync.set(at);
    }),
  ];
  const close = async (): Promise<void> => {
    for (const subscription of subscriptions) subscription.unsubscribe();
    await sync.close();
    await db.close();
  };
  return {
    db,
    sync,
    user,
    journal,
    notices,
    lastSync,
    close: () => {
      closing = close().catch(() => undefined);
      return closing;
    },
  };
}
