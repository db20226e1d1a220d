/**
 * A link is one connection attempt to the server: it connects once,
 * carries requests and live events, and is thrown away when it fails.
 * The connection loop opens links through a `Connector`; the socket.io
 * connector lives in socket-link.ts, tests use scripted fakes.
 */
import type { PullRequest } from "@okada/sync-rules";
import type { Failure } from "./connection-machine.ts";

export type RequestName = "pull" | "push";

export interface Link {
  /**
   * Sends `payload` and resolves with the server's acknowledgement.
   * Rejects with a `SyncError` (REQUEST_TIMEOUT, LINK_LOST) when none
   * comes within `timeoutMs` or the link closes first.
   */
  request(
    name: RequestName,
    payload: unknown,
    timeoutMs: number,
  ): Promise<unknown>;
  /** Asks the server for any reply, to prove the link alive. */
  probe(): void;
  /** Closes the link; no handler is called afterwards. */
  close(): void;
}

/** What a link reports. Each is called at most as documented. */
export interface LinkHandlers {
  /** The handshake succeeded (once). */
  connected(): void;
  /** The handshake failed (once, instead of `connected`). */
  connectFailed(failure: Failure, auth: boolean): void;
  /** A connected link dropped (once). */
  disconnected(failure: Failure): void;
  /** Something arrived: any packet, ping, reply or event. */
  traffic(): void;
  /** A live `changes` event, unchecked. */
  changes(payload: unknown): void;
  /**
   * The handshake is leaving: a pull request to send with it, or
   * undefined. Called at most once, before `connected`; links that
   * cannot carry one never call it.
   */
  handshakePull(): PullRequest | undefined;
  /** The reply to the handshake's pull, unchecked (at most once). */
  pulled(payload: unknown): void;
}

export interface Connector {
  open(token: string, handlers: LinkHandlers): Link;
}

/**
 * Network up/down notices from the platform: the browser's `online`
 * event, or whatever a Node simulator injects.
 */
export interface NetworkEvents {
  /** Calls `listener` when the network comes back; returns unsubscribe. */
  onOnline(listener: () => void): () => void;
}

/** The browser's `online` event, or nothing outside browsers. */
export function browserNetworkEvents(): NetworkEvents | undefined {
  const target = globalThis as Partial<
    Pick<Window, "addEventListener" | "removeEventListener">
  >;
  const { addEventListener, removeEventListener } = target;
  if (
    typeof addEventListener !== "function" ||
    typeof removeEventListener !== "function" ||
    typeof (globalThis as { navigator?: unknown }).navigator !== "object"
  ) {
    return undefined;
  }
  return {
    onOnline(listener) {
      addEventListener.call(globalThis, "online", listener);
      return () => removeEventListener.call(globalThis, "online", listener);
    },
  };
}
