import type { CollectionName, WireDoc } from "@okada/sync-rules";
import type { SyncUser } from "./user.ts";

/**
 * Decides what a user may see. The sync core asks it for every document it
 * sends, on every transport, live streams included.
 */
export interface ReadPolicy {
  canRead(user: SyncUser, collection: CollectionName, doc: WireDoc): boolean;
}

/** Every authenticated user reads everything. */
export const openReadPolicy: ReadPolicy = {
  canRead: () => true,
};
