/**
 * One push of one collection, between RxDB and the transport: which
 * rows to send, with which base, and which masters RxDB must adopt.
 *
 * The base matters because the server merges a raced write three ways
 * (base = the row's assumed master), and a counter's merge adds
 * `new - base`: a stale base counts a delta twice. RxDB 17 leaves the
 * base stale in one case. When a push comes back with a master to adopt
 * (the server merged it, or only added its bookkeeping), RxDB writes
 * that master over the pushed state; if the app wrote the document
 * again meanwhile, that write fails and RxDB keeps the old base, so its
 * next push would carry the pushed delta again. Two guards:
 *
 * - A master is handed to RxDB only if the local copy is still the
 *   pushed state. Otherwise it is withheld: RxDB records the pushed
 *   state as the base, which the server has incorporated, and the next
 *   push carries only the newer writes (the server merges them with
 *   the master, and that result comes back to be adopted).
 * - If the app writes between that check and RxDB's own write, the
 *   next row arrives with the old base; it is replaced by the pushed
 *   state remembered here.
 *
 * Refused rows always get their master back (the local copy reverts).
 *
 * RxDB can also push a state that is no longer the local copy: its
 * upstream works from a queue of change events and, after a RESYNC,
 * leaves events queued until the next write, when their states may be
 * older than what it has pushed and adopted since. Such a row is not
 * sent; RxDB gets the local copy back as a master, its write of that
 * fails on the newer revision, and its base stays as it was. The local
 * copy, if it is a write, goes out with its own event.
 *
 * Another case is not a local write at all. RxDB's downstream writes a
 * server state to the local copy and then to the base; when its base
 * write races with the upstream's (both run at once) it fails, and the
 * local copy holds a server state that differs from the base. RxDB's
 * upstream then pushes that server state as if the app had written it,
 * which could put an older state back on the server. Such rows (RxDB
 * stamps what its downstream wrote) are sent as a refresh instead: the
 * same state as base and new, which changes nothing and brings back the
 * current master if it differs.
 */
import type { RxReplicationWriteToMasterRow } from "rxdb";
import {
  SERVER_OWNED_FIELDS,
  sameState,
  type CollectionName,
  type PushResult,
  type PushRow,
  type WireDoc,
} from "@okada/sync-rules";
import type { SyncTransport } from "./sync-transport.ts";

export interface PushEvents {
  rejected(
    collection: CollectionName,
    rejection: { id: string; code: string; message: string },
  ): void;
  merged(collection: CollectionName, id: string): void;
}

export interface LocalState {
  /** The local copy, as RxDB would push it. */
  readonly doc: WireDoc;
  /** Written by RxDB's downstream from a server state, untouched since. */
  readonly fromServer: boolean;
}

/** Reads the local copies of documents. */
export type LocalStates = (
  ids: readonly string[],
) => Promise<ReadonlyMap<string, LocalState>>;

type Row = RxReplicationWriteToMasterRow<WireDoc>;

interface Handed {
  /** RxDB's base when the master was handed over. */
  readonly base: WireDoc | undefined;
  /** The state pushed then, which the server incorporated. */
  readonly pushed: WireDoc;
}

const REMEMBERED = 1_000;

export class CollectionPusher {
  readonly #name: CollectionName;
  readonly #transport: Pick<SyncTransport, "push">;
  readonly #events: PushEvents;
  readonly #local: LocalStates;
  readonly #handed = new Map<string, Handed>();

  constructor(
    name: CollectionName,
    transport: Pick<SyncTransport, "push">,
    events: PushEvents,
    local: LocalStates,
  ) {
    this.#name = name;
    this.#transport = transport;
    this.#events = events;
    this.#local = local;
  }

  /** Pushes `rows`; resolves with the masters RxDB must adopt. */
  async push(rows: readonly Row[]): Promise<WireDoc[]> {
    const sent = new Map<string, { row: Row; wire: PushRow }>();
    const stale: WireDoc[] = [];
    const local = await this.#local(rows.map((r) => r.newDocumentState.id));
    for (const row of rows) {
      const base = this.#baseOf(row);
      const next = row.newDocumentState;
      // After adopting a master RxDB pushes it back once; nothing new.
      if (base && sameState(base, next)) continue;
      const copy = local.get(next.id);
      if (copy && !sameState(copy.doc, next)) {
        stale.push(copy.doc);
        continue;
      }
      const refresh = copy?.fromServer === true;
      const wire =
        base && !refresh
          ? { assumedMasterState: base, newDocumentState: next }
          : refresh
            ? { assumedMasterState: next, newDocumentState: next }
            : { newDocumentState: next };
      sent.set(next.id, { row, wire });
    }
    if (sent.size === 0) return stale;
    const wire = [...sent.values()].map((s) => s.wire);
    const result = await this.#transport.push(this.#name, wire);
    return [...stale, ...(await this.#toAdopt(sent, result))];
  }

  #baseOf(row: Row): WireDoc | undefined {
    const id = row.newDocumentState.id;
    const handed = this.#handed.get(id);
    this.#handed.delete(id);
    const base = row.assumedMasterState;
    if (handed && sameBase(handed.base, base)) return handed.pushed;
    return base;
  }

  async #toAdopt(
    sent: ReadonlyMap<string, { row: Row; wire: PushRow }>,
    result: PushResult,
  ): Promise<WireDoc[]> {
    const masters = new Map(result.conflicts.map((d) => [d.id, d]));
    const adopt = new Map<string, WireDoc>();
    for (const rejection of result.rejections) {
      const entry = sent.get(rejection.id);
      if (!entry) continue;
      this.#events.rejected(this.#name, rejection);
      // Without a master the document never existed on the server (a
      // refused create): the local copy goes.
      const pushed = entry.wire.newDocumentState;
      adopt.set(
        rejection.id,
        masters.get(rejection.id) ??
          rejection.master ?? { ...pushed, _deleted: true },
      );
    }
    const merged = [...masters.values()].filter(
      (m) => sent.has(m.id) && !adopt.has(m.id),
    );
    const local = await this.#local(merged.map((m) => m.id));
    for (const master of merged) {
      const { row, wire } = sent.get(master.id) ?? {};
      if (!row || !wire) continue;
      const pushed = wire.newDocumentState;
      // Server bookkeeping alone (e.g. a replay guard) is not a merge.
      if (differsForUser(this.#name, master, pushed)) {
        this.#events.merged(this.#name, master.id);
      }
      const current = local.get(master.id)?.doc;
      if (current && !sameState(current, row.newDocumentState)) continue;
      this.#remember(master.id, { base: row.assumedMasterState, pushed });
      adopt.set(master.id, master);
    }
    return [...adopt.values()];
  }

  #remember(id: string, handed: Handed): void {
    if (this.#handed.size >= REMEMBERED) {
      const oldest = this.#handed.keys().next().value;
      if (oldest !== undefined) this.#handed.delete(oldest);
    }
    this.#handed.set(id, handed);
  }
}

function sameBase(a: WireDoc | undefined, b: WireDoc | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return sameState(a, b);
}

/** Whether `a` and `b` differ in a field the user (not the server) owns. */
function differsForUser(
  collection: CollectionName,
  a: WireDoc,
  b: WireDoc,
): boolean {
  const strip = (doc: WireDoc): WireDoc => {
    const copy: WireDoc = { ...doc };
    for (const field of SERVER_OWNED_FIELDS[collection]) delete copy[field];
    return copy;
  };
  return !sameState(strip(a), strip(b));
}
