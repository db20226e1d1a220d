/**
 * Sharing sync status between tabs. Only the leader tab replicates (RxDB
 * leader election); the other tabs read its data through the shared
 * IndexedDB and its status through this BroadcastChannel.
 *
 * Messages: the leader posts every status change and every rejected
 * write or merged conflict; a follower that opens posts `ask`, and the
 * leader answers with its current status.
 */
import type { MergedConflict, RejectedWrite, SyncStatus } from "./status.ts";

export type TabMessage =
  | { readonly type: "status"; readonly status: SyncStatus }
  | { readonly type: "rejected"; readonly write: RejectedWrite }
  | { readonly type: "merged"; readonly conflict: MergedConflict }
  | { readonly type: "ask" };

export interface TabListener {
  status(status: SyncStatus): void;
  rejected(write: RejectedWrite): void;
  merged(conflict: MergedConflict): void;
  ask(): void;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Checks what another tab (or anything on the channel) posted. */
function isTabMessage(value: unknown): value is TabMessage {
  if (!isObject(value)) return false;
  switch (value["type"]) {
    case "status": {
      const status = value["status"];
      return (
        isObject(status) &&
        typeof status["phase"] === "string" &&
        isObject(status["pendingWrites"])
      );
    }
    case "rejected":
      return (
        isObject(value["write"]) && typeof value["write"]["id"] === "string"
      );
    case "merged": {
      const conflict = value["conflict"];
      return isObject(conflict) && typeof conflict["id"] === "string";
    }
    case "ask":
      return true;
    default:
      return false;
  }
}

export class TabStatusChannel {
  readonly #channel: BroadcastChannel;

  /** `name` should be unique per database, e.g. `okada-sync:<db name>`. */
  constructor(name: string, listener: TabListener) {
    this.#channel = new BroadcastChannel(name);
    this.#channel.onmessage = (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (!isTabMessage(message)) return;
      switch (message.type) {
        case "status":
          listener.status(message.status);
          return;
        case "rejected":
          listener.rejected(message.write);
          return;
        case "merged":
          listener.merged(message.conflict);
          return;
        case "ask":
          listener.ask();
          return;
      }
    };
  }

  post(message: TabMessage): void {
    this.#channel.postMessage(message);
  }

  close(): void {
    this.#channel.onmessage = null;
    this.#channel.close();
  }
}
