/**
 * Pull, push and live changes for every collection over the one link
 * the connection loop keeps open. Calls from the five replications are
 * coalesced (coalescer.ts) into one `pull` or `push` message; each
 * message is retried on the next link until the server acknowledges it,
 * so RxDB's own fixed-interval retry is never used. Replies are checked
 * with the protocol's runtime checks: a malformed one is logged, counts
 * as a failure (backoff, new link) and is never handed to RxDB.
 *
 * Catching up. Live changes sent while the link was down are lost, so
 * on every connection the transport pulls each collection from the last
 * checkpoint it handed to RxDB, page by page, and hands the pages on as
 * live events. Live events that arrive meanwhile are held back and
 * handed on after the pages: handed on at once, the first would move
 * RxDB's checkpoint past the gap, and RxDB would then drop the pages as
 * older than a pull it starts from that checkpoint. It does not ask
 * RxDB to RESYNC: RxDB 17 drops a RESYNC that reaches its downstream
 * queue behind a live event in the same batch (downstream.ts,
 * `addNewTask`), which happens after a stop and start, and a client
 * then misses every change made while it was away.
 * Events are never dropped that way. A collection whose own pull is
 * already waiting for the link needs no catch-up: that pull leaves on
 * the new link and covers the gap.
 *
 * The first page of every catch-up rides in the handshake (the link
 * asks `handshakePull` as it leaves) and comes back as the `pulled`
 * event: on 2G a reconnection then costs the round trips of the
 * connection and no more. When that reply does not come (the link drops,
 * the server refuses it, or it is late) each collection pulls its first
 * page the ordinary way. Held events are dropped when their link does:
 * the catch-up's next page is read later and covers them, and handed on
 * after it they would put older states back.
 */
import { BehaviorSubject, Subject, type Observable } from "rxjs";
import {
  COLLECTION_NAMES,
  isChangesEvent,
  isErrorReply,
  isPullReply,
  isPushReply,
  SOCKET_PROTOCOL_VERSION,
  type Checkpoints,
  type CollectionName,
  type CollectionPull,
  type PushResult,
  type PullRequest,
  type PushRow,
  type SyncCheckpoint,
  type WireDoc,
} from "@okada/sync-rules";
import { Coalescer } from "./coalescer.ts";
import type { Clock } from "./clock.ts";
import type { ConnectionLoop } from "./connection-loop.ts";
import type { Failure } from "./connection-machine.ts";
import { EarlyPull, linkLost } from "./early-pull.ts";
import { SyncError, SyncStoppedError, isSyncError } from "./errors.ts";
import type { RequestName } from "./link.ts";
import type { Logger } from "./logger.ts";

/** Documents from the server as RxDB's pull stream takes them. */
export interface StreamItem {
  documents: WireDoc[];
  checkpoint: SyncCheckpoint;
}

export interface SyncTransportOptions {
  readonly loop: ConnectionLoop;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How long calls wait for company before a message leaves. */
  readonly coalesceWindowMs: number;
  /** How long a request may wait for its acknowledgement. */
  readonly requestTimeoutMs: number;
  /** Documents per page when catching up. */
  readonly pageSize: number;
  /** Send the first pull with each link's handshake. */
  readonly handshakePull?: boolean;
  /** Called after every acknowledged exchange and live event. */
  readonly onSynced: () => void;
}

interface PullCall {
  readonly checkpoint: SyncCheckpoint | null;
  readonly limit: number;
}

type Check<T> = (reply: unknown) => reply is T;

const AUTH_CODES = new Set(["UNAUTHENTICATED", "TOKEN_EXPIRED"]);

export class SyncTransport {
  readonly #options: SyncTransportOptions;
  readonly #pulls: Coalescer<CollectionName, PullCall, CollectionPull>;
  readonly #pushes: Coalescer<CollectionName, PushRow[], PushResult>;
  readonly #live$ = new Map<CollectionName, Subject<StreamItem>>();
  readonly #busy = new BehaviorSubject(0);
  /** The last checkpoint handed to RxDB, per collection. */
  readonly #handed = new Map<CollectionName, SyncCheckpoint>();
  /** Pull calls not yet answered, per collection. */
  readonly #pulling = new Map<CollectionName, number>();
  /** Live events held back while a collection catches up. */
  readonly #held = new Map<CollectionName, StreamItem[]>();
  /** The handshake pull of the current link, until answered. */
  #early: EarlyPull | null = null;
  #closed = false;

  constructor(options: SyncTransportOptions) {
    this.#options = options;
    const common = {
      windowMs: options.coalesceWindowMs,
      clock: options.clock,
      ready: () => options.loop.whenOnline(),
    };
    this.#pulls = new Coalescer({
      ...common,
      send: (batch) => this.#sendPulls(batch),
    });
    this.#pushes = new Coalescer({
      ...common,
      send: (batch) => this.#sendPushes(batch),
    });
    for (const name of COLLECTION_NAMES) this.#live$.set(name, new Subject());
    options.loop.changes$.subscribe((payload) => this.#onChanges(payload));
    options.loop.pulled$.subscribe((payload) => this.#onPulled(payload));
    if (options.handshakePull !== false) {
      options.loop.setHandshakePull(() => this.#handshakePull());
    }
    options.loop.steps$.subscribe((step) => {
      if (step.state.name !== "online") this.#linkLost();
      else if (step.event === "connected") {
        this.#catchUpAll();
        this.#early?.expireIn(options.requestTimeoutMs);
      }
    });
  }

  /** Pull and push calls not yet answered; 0 when nothing is owed. */
  get busy$(): Observable<number> {
    return this.#busy.asObservable();
  }

  /** Live documents and catch-up pages for one collection. */
  stream$(collection: CollectionName): Observable<StreamItem> {
    const live = this.#live$.get(collection) ?? new Subject<StreamItem>();
    return live.asObservable();
  }

  /** One page of changes after `checkpoint`, in one coalesced message. */
  async pull(
    collection: CollectionName,
    checkpoint: SyncCheckpoint | null,
    limit: number,
  ): Promise<CollectionPull> {
    const count = (delta: number): void => {
      this.#pulling.set(
        collection,
        (this.#pulling.get(collection) ?? 0) + delta,
      );
    };
    count(1);
    try {
      const page = await this.#track(
        this.#pulls.add(collection, { checkpoint, limit }),
      );
      this.#handed.set(collection, page.checkpoint);
      return page;
    } finally {
      count(-1);
    }
  }

  /** Writes rows, in one coalesced message with other collections'. */
  push(collection: CollectionName, rows: PushRow[]): Promise<PushResult> {
    return this.#track(this.#pushes.add(collection, rows));
  }

  close(): void {
    this.#closed = true;
    this.#early?.fail(new SyncStoppedError());
    this.#early = null;
    for (const subject of this.#live$.values()) subject.complete();
    this.#busy.complete();
  }

  async #track<T>(call: Promise<T>): Promise<T> {
    this.#busy.next(this.#busy.getValue() + 1);
    try {
      return await call;
    } finally {
      if (!this.#closed) this.#busy.next(this.#busy.getValue() - 1);
    }
  }

  async #sendPulls(
    batch: ReadonlyMap<CollectionName, PullCall>,
  ): Promise<ReadonlyMap<CollectionName, CollectionPull>> {
    const checkpoints: Partial<Record<CollectionName, SyncCheckpoint | null>> =
      {};
    let limit = 1;
    for (const [name, call] of batch) {
      checkpoints[name] = call.checkpoint;
      limit = Math.max(limit, call.limit);
    }
    const reply = await this.#request(
      "pull",
      { v: 1, checkpoints, limit },
      (value): value is { collections: Record<string, CollectionPull> } =>
        isPullReply(value) && covers(value.collections, batch.keys()),
    );
    return pick(batch, reply.collections);
  }

  async #sendPushes(
    batch: ReadonlyMap<CollectionName, PushRow[]>,
  ): Promise<ReadonlyMap<CollectionName, PushResult>> {
    const rows = Object.fromEntries(batch);
    const reply = await this.#request(
      "push",
      { v: 1, rows },
      (value): value is { results: Record<string, PushResult> } =>
        isPushReply(value) && covers(value.results, batch.keys()),
    );
    return pick(batch, reply.results);
  }

  /**
   * Sends until acknowledged: each failure is reported to the loop
   * (which records it, backs off and reconnects) and the message goes
   * again on the next link. Only stopping the sync ends it early.
   */
  async #request<T>(
    name: RequestName,
    payload: unknown,
    check: Check<T>,
  ): Promise<T> {
    const { loop, logger, requestTimeoutMs } = this.#options;
    for (;;) {
      if (this.#closed) throw new SyncStoppedError();
      const link = await loop.whenOnline();
      let reply: unknown;
      try {
        reply = await link.request(name, payload, requestTimeoutMs);
      } catch (error) {
        loop.reportFailure(failureOf(error), link);
        continue;
      }
      if (isErrorReply(reply)) {
        logger.debug("sync: request refused", {
          request: name,
          ...reply.error,
        });
        if (AUTH_CODES.has(reply.error.code)) {
          loop.reportAuthExpired(reply.error, link);
        } else loop.reportFailure(reply.error, link);
        continue;
      }
      if (!check(reply)) {
        logger.warn("sync: malformed reply skipped", { request: name });
        const message = `The server's ${name} reply breaks the protocol.`;
        loop.reportFailure({ code: "MALFORMED_REPLY", message }, link);
        continue;
      }
      loop.reportHealthy();
      this.#options.onSynced();
      return reply;
    }
  }

  #onChanges(payload: unknown): void {
    if (!isChangesEvent(payload)) {
      this.#options.logger.warn("sync: malformed changes event skipped");
      this.#catchUpAll();
      return;
    }
    const { collection, documents, checkpoint } = payload;
    this.#options.onSynced();
    const held = this.#held.get(collection);
    if (held) held.push({ documents, checkpoint });
    else this.#hand(collection, { documents, checkpoint });
  }

  /**
   * What the handshake carries: the pulls RxDB is waiting to send and
   * the first page of every catch-up, in one pull request.
   */
  #handshakePull(): PullRequest | undefined {
    // Every link opens after a step out of "online", which failed the
    // previous link's handshake pull (#linkLost).
    if (this.#closed) return undefined;
    const from = new Map<CollectionName, SyncCheckpoint>();
    for (const [collection, checkpoint] of this.#handed) {
      if (this.#needsCatchUp(collection)) from.set(collection, checkpoint);
    }
    const claim = this.#pulls.claim();
    const checkpoints: Checkpoints = Object.fromEntries(from);
    let limit = from.size > 0 ? this.#options.pageSize : 1;
    for (const [collection, call] of claim?.requests ?? []) {
      checkpoints[collection] = call.checkpoint;
      limit = Math.max(limit, call.limit);
    }
    const names = Object.keys(checkpoints) as CollectionName[];
    if (names.length === 0) return undefined;
    const early = new EarlyPull(this.#options.clock, names);
    this.#early = early;
    this.#track(early.reply).catch(() => undefined);
    if (claim) {
      early.reply.then(
        (pages) => claim.settle(pick(claim.requests, pages)),
        // RxDB's pulls never fail for a lost link: they go again.
        () => claim.requeue(),
      );
    }
    for (const [collection, checkpoint] of from) {
      this.#startCatchUp(collection, checkpoint, early.page(collection));
    }
    return { v: SOCKET_PROTOCOL_VERSION, checkpoints, limit };
  }

  #onPulled(payload: unknown): void {
    const early = this.#early;
    if (!early) return;
    this.#early = null;
    if (isErrorReply(payload)) {
      // The ordinary pulls that follow meet the same refusal and report
      // it to the loop; reporting it here too would count it twice.
      this.#options.logger.debug("sync: handshake pull refused", {
        ...payload.error,
      });
      early.fail(new SyncError(payload.error.code, payload.error.message));
      return;
    }
    if (!isPullReply(payload) || !covers(payload.collections, early.names)) {
      this.#options.logger.warn("sync: malformed reply skipped", {
        request: "handshake pull",
      });
      const message = "The server's handshake pull reply breaks the protocol.";
      early.fail(new SyncError("MALFORMED_REPLY", message));
      return;
    }
    this.#options.loop.reportHealthy();
    this.#options.onSynced();
    early.answer(payload.collections);
  }

  /** The link is gone: what arrived on it is superseded. */
  #linkLost(): void {
    this.#early?.fail(linkLost());
    this.#early = null;
    for (const held of this.#held.values()) held.length = 0;
  }

  #hand(collection: CollectionName, item: StreamItem): void {
    this.#handed.set(collection, item.checkpoint);
    this.#live$.get(collection)?.next(item);
  }

  /**
   * False while a catch-up is under way or a pull is waiting for the
   * link: either leaves on the new link and covers the gap.
   */
  #needsCatchUp(collection: CollectionName): boolean {
    if (this.#held.has(collection)) return false;
    return (this.#pulling.get(collection) ?? 0) === 0;
  }

  #catchUpAll(): void {
    for (const [collection, from] of this.#handed) {
      if (this.#needsCatchUp(collection)) {
        this.#startCatchUp(collection, from);
      }
    }
  }

  #startCatchUp(
    collection: CollectionName,
    from: SyncCheckpoint,
    first?: Promise<CollectionPull>,
  ): void {
    this.#held.set(collection, []);
    this.#catchUp(collection, from, first)
      .then(() => {
        // Pages first (the states when the pull was read), then every
        // live event since the connection, in order: each is a change
        // after the page or a repeat of one it holds, so the last
        // state and checkpoint handed on are the latest.
        const held = this.#held.get(collection) ?? [];
        this.#held.delete(collection);
        for (const item of held) this.#hand(collection, item);
      })
      .catch((error: unknown) => {
        // Only closing ends a pull early; nothing is left to catch up.
        this.#held.delete(collection);
        this.#options.logger.debug("sync: catch-up ended", {
          collection,
          error: String(error),
        });
      });
  }

  /** Pulls from `from` to the end and hands every page on. */
  async #catchUp(
    collection: CollectionName,
    from: SyncCheckpoint,
    first?: Promise<CollectionPull>,
  ): Promise<void> {
    let checkpoint = from;
    // Without the handshake's page, the first is pulled the ordinary way.
    let page = await first?.then(
      (early) => {
        this.#handed.set(collection, early.checkpoint);
        return early;
      },
      () => undefined,
    );
    for (;;) {
      page ??= await this.pull(collection, checkpoint, this.#options.pageSize);
      checkpoint = page.checkpoint;
      if (page.documents.length > 0) {
        this.#hand(collection, { documents: page.documents, checkpoint });
      }
      if (!page.more) return;
      page = undefined;
    }
  }
}

function failureOf(error: unknown): Failure {
  if (isSyncError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: "LINK_LOST", message };
}

function covers(
  parts: Readonly<Record<string, unknown>>,
  names: Iterable<CollectionName>,
): boolean {
  for (const name of names) if (!(name in parts)) return false;
  return true;
}

function pick<T>(
  batch: ReadonlyMap<CollectionName, unknown>,
  parts: Readonly<Record<string, T>>,
): ReadonlyMap<CollectionName, T> {
  const out = new Map<CollectionName, T>();
  for (const name of batch.keys()) {
    const part = parts[name];
    if (part !== undefined) out.set(name, part);
  }
  return out;
}
