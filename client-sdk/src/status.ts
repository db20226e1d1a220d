/**
 * What the app can show about sync, as one plain object. `SyncStatusModel`
 * gathers the inputs (connection steps, requests in flight, replication
 * activity, outbox counts, server verdicts) and derives the phase.
 */
import { BehaviorSubject, Subject, type Observable } from "rxjs";
import { COLLECTION_NAMES, type CollectionName } from "@okada/sync-rules";
import type { ConnectionStateName, Failure } from "./connection-machine.ts";

/**
 * - `offline`: not connected (stopped, or waiting before a retry);
 * - `connecting`: getting a token or opening a connection;
 * - `syncing`: connected, with requests in flight or writes not yet
 *   acknowledged;
 * - `idle`: connected, nothing owed either way.
 */
export type SyncPhase = "offline" | "connecting" | "syncing" | "idle";

export interface SyncErrorInfo {
  /** A server `ErrorCode` or a `ClientErrorCode` (errors.ts). */
  readonly code: string;
  readonly message: string;
  /** When it happened, ms since the epoch. */
  readonly at: number;
}

/** A write the server refused; the local copy went back to the master. */
export interface RejectedWrite {
  readonly collection: CollectionName;
  readonly id: string;
  /** The rule's code, e.g. FORBIDDEN or INVALID_TRANSITION. */
  readonly code: string;
  /** Why, in words meant for the user. */
  readonly message: string;
  readonly at: number;
}

/** A push that met a newer master; the server merged both. */
export interface MergedConflict {
  readonly collection: CollectionName;
  readonly id: string;
  readonly at: number;
}

export interface SyncStatus {
  /** Connected to the server now. */
  readonly online: boolean;
  readonly phase: SyncPhase;
  /** Local writes not yet acknowledged, per collection (the outbox). */
  readonly pendingWrites: Readonly<Record<CollectionName, number>>;
  /** The sum of `pendingWrites`. */
  readonly pendingTotal: number;
  /**
   * The last acknowledged exchange with the server (a pull, a push or a
   * live change), ms since the epoch; null before the first.
   */
  readonly lastSyncedAt: number | null;
  /** The most recent error; it stays after recovery, see `phase`. */
  readonly lastError: SyncErrorInfo | null;
  /** While waiting in backoff: when the next attempt is due. */
  readonly retryAt: number | null;
  /** The most recent refused writes, oldest first (at most 50). */
  readonly rejectedWrites: readonly RejectedWrite[];
  /** Pushes the server merged with a newer master, since start. */
  readonly mergedConflicts: number;
  /** `leader`: this tab replicates; `follower`: it mirrors the leader. */
  readonly tab: "leader" | "follower";
}

export const MAX_REJECTED_KEPT = 50;

function zeroCounts(): Record<CollectionName, number> {
  const counts = {} as Record<CollectionName, number>;
  for (const name of COLLECTION_NAMES) counts[name] = 0;
  return counts;
}

export function initialStatus(tab: SyncStatus["tab"]): SyncStatus {
  return {
    online: false,
    phase: "offline",
    pendingWrites: zeroCounts(),
    pendingTotal: 0,
    lastSyncedAt: null,
    lastError: null,
    retryAt: null,
    rejectedWrites: [],
    mergedConflicts: 0,
    tab,
  };
}

export function phaseOf(
  connection: ConnectionStateName,
  busy: boolean,
): SyncPhase {
  switch (connection) {
    case "authorizing":
    case "connecting":
      return "connecting";
    case "online":
      return busy ? "syncing" : "idle";
    default:
      return "offline";
  }
}

/** Inputs that decide the phase, kept apart from the status itself. */
interface Activity {
  connection: ConnectionStateName;
  requests: number;
  replicating: boolean;
}

export class SyncStatusModel {
  readonly #status: BehaviorSubject<SyncStatus>;
  readonly #rejected = new Subject<RejectedWrite>();
  readonly #merged = new Subject<MergedConflict>();
  readonly #activity: Activity = {
    connection: "stopped",
    requests: 0,
    replicating: false,
  };

  constructor(tab: SyncStatus["tab"] = "leader") {
    this.#status = new BehaviorSubject(initialStatus(tab));
  }

  get status(): SyncStatus {
    return this.#status.getValue();
  }

  get status$(): Observable<SyncStatus> {
    return this.#status.asObservable();
  }

  get rejected$(): Observable<RejectedWrite> {
    return this.#rejected.asObservable();
  }

  get merged$(): Observable<MergedConflict> {
    return this.#merged.asObservable();
  }

  connection(name: ConnectionStateName, retryAt: number | null): void {
    this.#activity.connection = name;
    this.#update({ online: name === "online", retryAt });
  }

  requests(count: number): void {
    this.#activity.requests = count;
    this.#update({});
  }

  replicating(active: boolean): void {
    this.#activity.replicating = active;
    this.#update({});
  }

  pending(collection: CollectionName, count: number): void {
    const pendingWrites = { ...this.status.pendingWrites, [collection]: count };
    const pendingTotal = Object.values(pendingWrites).reduce((a, b) => a + b);
    this.#update({ pendingWrites, pendingTotal });
  }

  synced(at: number): void {
    this.#update({ lastSyncedAt: at });
  }

  error(failure: Failure, at: number): void {
    this.#update({ lastError: { ...failure, at } });
  }

  rejected(write: RejectedWrite): void {
    const kept = [...this.status.rejectedWrites, write];
    this.#update({ rejectedWrites: kept.slice(-MAX_REJECTED_KEPT) });
    this.#rejected.next(write);
  }

  merged(conflict: MergedConflict): void {
    this.#update({ mergedConflicts: this.status.mergedConflicts + 1 });
    this.#merged.next(conflict);
  }

  /**
   * This tab now replicates: what it mirrored from the old leader no
   * longer holds, except the history of refused writes and merges.
   */
  lead(): void {
    const { rejectedWrites, mergedConflicts, lastError } = this.status;
    const fresh = initialStatus("leader");
    this.#status.next({ ...fresh, rejectedWrites, mergedConflicts, lastError });
    this.#update({});
  }

  /** A follower tab passes on an event the leader saw. */
  echoRejected(write: RejectedWrite): void {
    this.#rejected.next(write);
  }

  echoMerged(conflict: MergedConflict): void {
    this.#merged.next(conflict);
  }

  /** Replaces the whole status (a follower tab mirroring the leader). */
  mirror(status: SyncStatus): void {
    this.#status.next({ ...status, tab: this.status.tab });
  }

  complete(): void {
    this.#status.complete();
    this.#rejected.complete();
    this.#merged.complete();
  }

  #update(patch: Partial<SyncStatus>): void {
    if (this.#status.closed) return;
    const { connection, requests, replicating } = this.#activity;
    const next = { ...this.status, ...patch };
    const busy = requests > 0 || replicating || next.pendingTotal > 0;
    const status = { ...next, phase: phaseOf(connection, busy) };
    if (!sameStatus(this.status, status)) this.#status.next(status);
  }
}

function sameStatus(a: SyncStatus, b: SyncStatus): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
