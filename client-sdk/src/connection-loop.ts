/**
 * Drives the connection state machine (connection-machine.ts): feeds it
 * events from links, timers, the token source and the network, and
 * carries out its effects. Also owns the heartbeat watchdog:
 *
 *   last traffic ──── interval ────▶ probe ──── interval ────▶ STALLED
 *
 * While online, anything received (a server ping, a reply, a live
 * event) counts as traffic. After one quiet interval the loop probes;
 * after two, the link is declared dead, torn down and retried through
 * backoff. socket.io's own client check waits pingInterval + pingTimeout
 * (45 s by default) and is not tunable from the client.
 */
import { BehaviorSubject, Subject, type Observable } from "rxjs";
import type { PullRequest } from "@okada/sync-rules";
import type { BackoffOptions } from "./backoff.ts";
import type { Clock, TimerId } from "./clock.ts";
import {
  INITIAL_STATE,
  transition,
  type ConnectionEvent,
  type ConnectionState,
  type Effect,
  type Failure,
  type MachineOptions,
} from "./connection-machine.ts";
import { SyncError, SyncStoppedError } from "./errors.ts";
import type { Connector, Link, LinkHandlers, NetworkEvents } from "./link.ts";
import type { Logger } from "./logger.ts";

export interface ConnectionLoopOptions {
  readonly connector: Connector;
  readonly getToken: () => Promise<string>;
  readonly clock: Clock;
  readonly random: () => number;
  readonly backoff: Required<BackoffOptions>;
  /** Quiet time before a probe; twice this declares the link dead. */
  readonly heartbeatIntervalMs: number;
  readonly networkEvents?: NetworkEvents | undefined;
  readonly logger: Logger;
}

/** One step of the loop, as recorded in timelines. */
export interface LoopStep {
  readonly at: number;
  readonly event: ConnectionEvent["type"];
  readonly state: ConnectionState;
  /** The failure that caused this step, if any. */
  readonly failure: Failure | null;
}

interface Waiter {
  resolve(link: Link): void;
  reject(error: Error): void;
}

export class ConnectionLoop {
  readonly #options: ConnectionLoopOptions;
  readonly #machine: MachineOptions;
  readonly #steps: BehaviorSubject<LoopStep>;
  readonly #changes = new Subject<unknown>();
  readonly #pulled = new Subject<unknown>();
  #handshakePull: () => PullRequest | undefined = () => undefined;
  #state: ConnectionState = INITIAL_STATE;
  #link: Link | null = null;
  #generation = 0;
  #token: string | null = null;
  #retryTimer: TimerId | null = null;
  #watchdog: TimerId | null = null;
  #lastTraffic = 0;
  #probedAt = Number.NEGATIVE_INFINITY;
  #waiters: Waiter[] = [];
  #unsubscribeNetwork: (() => void) | null = null;

  constructor(options: ConnectionLoopOptions) {
    this.#options = options;
    this.#machine = { backoff: options.backoff, random: options.random };
    this.#steps = new BehaviorSubject<LoopStep>({
      at: options.clock.now(),
      event: "stop",
      state: INITIAL_STATE,
      failure: null,
    });
  }

  /** Every step taken, starting with the current one. */
  get steps$(): Observable<LoopStep> {
    return this.#steps.asObservable();
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** Raw `changes` payloads of the current link, unchecked. */
  get changes$(): Observable<unknown> {
    return this.#changes.asObservable();
  }

  /** Raw replies to the current link's handshake pull, unchecked. */
  get pulled$(): Observable<unknown> {
    return this.#pulled.asObservable();
  }

  /**
   * Sets what each link's handshake asks to pull: `provider` runs as the
   * handshake leaves and returns a pull request or undefined.
   */
  setHandshakePull(provider: () => PullRequest | undefined): void {
    this.#handshakePull = provider;
  }

  start(): void {
    if (this.#unsubscribeNetwork === null && this.#options.networkEvents) {
      this.#unsubscribeNetwork = this.#options.networkEvents.onOnline(() =>
        this.#dispatch({ type: "networkBack" }),
      );
    }
    this.#dispatch({ type: "start" });
  }

  stop(): void {
    this.#dispatch({ type: "stop" });
  }

  close(): void {
    this.#dispatch({ type: "close" });
    this.#unsubscribeNetwork?.();
    this.#unsubscribeNetwork = null;
    this.#changes.complete();
    this.#pulled.complete();
    this.#steps.complete();
  }

  /** A request succeeded: the backoff starts over. */
  reportHealthy(): void {
    this.#traffic();
    this.#dispatch({ type: "healthy" });
  }

  /**
   * A request failed in a way that calls for a new connection. `on` is
   * the link it failed on: a failure on a link already replaced is old
   * news and must not tear down its successor.
   */
  reportFailure(failure: Failure, on?: Link): void {
    if (on !== undefined && on !== this.#link) return;
    this.#dispatch({ type: "failed", failure });
  }

  /** The server refused the token on `on`; a fresh one is needed. */
  reportAuthExpired(failure: Failure, on?: Link): void {
    if (on !== undefined && on !== this.#link) return;
    this.#dispatch({ type: "authExpired", failure });
  }

  /**
   * The open link once the loop is online. While stopped, waits for the
   * next start: a call cut short by `stop()` goes out after `start()`,
   * and RxDB, paused meanwhile, never sees it fail. Rejects with
   * `SyncStoppedError` once the loop is closed.
   */
  whenOnline(): Promise<Link> {
    const { name } = this.state;
    if (name === "online" && this.#link) return Promise.resolve(this.#link);
    if (name === "closed") return Promise.reject(new SyncStoppedError());
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
    });
  }

  #dispatch(event: ConnectionEvent): void {
    const before = this.#state;
    const { state, effects } = transition(before, event, this.#machine);
    if (state === before && effects.length === 0) return;
    // Commit first: an effect may report back synchronously.
    this.#state = state;
    const failure = "failure" in event ? event.failure : null;
    this.#options.logger.debug("sync connection", {
      event: event.type,
      state: state.name,
      failures: state.failures,
      ...(failure ? { code: failure.code } : {}),
    });
    const at = this.#options.clock.now();
    this.#steps.next({ at, event: event.type, state, failure });
    for (const effect of effects) this.#run(effect);
    if (this.#state !== state) return;
    this.#settleWaiters(state);
    if (state.name === "online" && before.name !== "online") {
      this.#startWatchdog();
    }
  }

  #settleWaiters(state: ConnectionState): void {
    if (state.name === "online" && this.#link) {
      const link = this.#link;
      for (const waiter of this.#waiters.splice(0)) waiter.resolve(link);
    } else if (state.name === "closed") {
      const error = new SyncStoppedError();
      for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
    }
  }

  #run(effect: Effect): void {
    const { clock } = this.#options;
    switch (effect.type) {
      case "fetchToken":
        this.#fetchToken();
        return;
      case "openLink":
        this.#openLink();
        return;
      case "closeLink":
        this.#closeLink();
        return;
      case "scheduleRetry":
        this.#retryTimer = clock.setTimeout(() => {
          this.#retryTimer = null;
          this.#dispatch({ type: "retryTimer" });
        }, effect.delayMs);
        return;
      case "cancelRetry":
        if (this.#retryTimer !== null) clock.clearTimeout(this.#retryTimer);
        this.#retryTimer = null;
        return;
    }
  }

  #fetchToken(): void {
    const generation = ++this.#generation;
    const current = (): boolean => generation === this.#generation;
    const pending = (async () => this.#options.getToken())();
    pending.then(
      (token) => {
        if (!current()) return;
        if (typeof token !== "string" || token.length === 0) {
          this.#tokenFailed("getToken() resolved without a token.");
          return;
        }
        this.#token = token;
        this.#dispatch({ type: "tokenReady" });
      },
      (error: unknown) => {
        if (current()) this.#tokenFailed(messageOf(error));
      },
    );
  }

  #tokenFailed(detail: string): void {
    const failure = {
      code: "TOKEN_UNAVAILABLE",
      message: `getToken() failed (${detail}); sync retries with backoff.`,
    };
    this.#dispatch({ type: "tokenFailed", failure });
  }

  #openLink(): void {
    const generation = ++this.#generation;
    const token = this.#token ?? "";
    const current = (): boolean => generation === this.#generation;
    const handlers: LinkHandlers = {
      connected: () => {
        if (!current()) return;
        this.#traffic();
        this.#dispatch({ type: "connected" });
      },
      connectFailed: (failure, auth) => {
        if (!current()) return;
        this.#dispatch(
          auth ? { type: "authExpired", failure } : { type: "failed", failure },
        );
      },
      disconnected: (failure) => {
        if (current()) this.#dispatch({ type: "failed", failure });
      },
      traffic: () => {
        if (current()) this.#traffic();
      },
      changes: (payload) => {
        if (current()) this.#changes.next(payload);
      },
      handshakePull: () => (current() ? this.#handshakePull() : undefined),
      pulled: (payload) => {
        if (current()) this.#pulled.next(payload);
      },
    };
    this.#link = this.#options.connector.open(token, handlers);
  }

  #closeLink(): void {
    this.#generation++;
    this.#stopWatchdog();
    const link = this.#link;
    this.#link = null;
    link?.close();
  }

  #traffic(): void {
    this.#lastTraffic = this.#options.clock.now();
  }

  #startWatchdog(): void {
    this.#probedAt = Number.NEGATIVE_INFINITY;
    this.#scheduleWatchdog(
      this.#lastTraffic + this.#options.heartbeatIntervalMs,
    );
  }

  #stopWatchdog(): void {
    if (this.#watchdog !== null)
      this.#options.clock.clearTimeout(this.#watchdog);
    this.#watchdog = null;
  }

  #scheduleWatchdog(at: number): void {
    const { clock } = this.#options;
    this.#stopWatchdog();
    const delay = Math.max(1, at - clock.now());
    this.#watchdog = clock.setTimeout(() => {
      this.#watchdog = null;
      this.#checkHeartbeat();
    }, delay);
  }

  #checkHeartbeat(): void {
    if (this.state.name !== "online") return;
    const interval = this.#options.heartbeatIntervalMs;
    const quiet = this.#options.clock.now() - this.#lastTraffic;
    if (quiet >= 2 * interval) {
      this.reportFailure({
        code: "STALLED",
        message: `Nothing arrived for ${quiet} ms; reconnecting.`,
      });
      return;
    }
    if (quiet >= interval) {
      // One probe per quiet spell, however late this check runs.
      if (this.#probedAt < this.#lastTraffic) {
        this.#probedAt = this.#options.clock.now();
        this.#link?.probe();
      }
      this.#scheduleWatchdog(this.#lastTraffic + 2 * interval);
      return;
    }
    this.#scheduleWatchdog(this.#lastTraffic + interval);
  }
}

function messageOf(error: unknown): string {
  if (error instanceof SyncError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
