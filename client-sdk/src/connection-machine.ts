/**
 * The connection loop as a pure state machine: `transition(state, event)`
 * returns the next state and the effects the driver must carry out
 * (connection-loop.ts). No timers, sockets or promises live here.
 *
 *               start              token ready
 *   stopped ───────────▶ authorizing ─────────────▶ connecting
 *      ▲    (no token)      ▲     │                  │     │
 *      │                    │     │ token failed     │     │ connected
 *      │ stop      timer or │     ▼         failed   │     ▼
 *      │ (any live  network └── backoff ◀────────────┴── online
 *      │  state)    back        ▲   │ timer or             │
 *      │                        │   │ network back:        │ token
 *      │            2nd refusal │   ▼ connecting           │ refused
 *      │            in a row ───┘                          ▼ (1st)
 *      │                                              authorizing
 *   closed: terminal, reached from any state by `close`.
 *
 * `failures` counts consecutive failures: it grows on every failure and
 * returns to 0 only when a request succeeds (`healthy`), not merely when
 * a socket connects, so a server that accepts connections and then fails
 * every request still backs off. The n-th failure waits a full-jitter
 * delay from [0, min(cap, base * 2^(n-1))] (backoff.ts).
 *
 * Invariants, each named by a test in connection-machine.test.ts:
 * - I1 one link: `openLink` is never emitted while a link is open.
 * - I2 one timer: a retry timer is scheduled exactly while in `backoff`.
 * - I3 no tight loop: after a failure, no link opens and no token is
 *   fetched until a retry timer fired or the network came back, except
 *   the one immediate token refresh after the first refusal in a row
 *   (`authFailures` counts them; a second refusal backs off).
 * - I4 bounded waits: every delay is within [0, cap] and within the
 *   window of the current failure count.
 * - I5 reset on success only: `failures` drops to 0 only on `healthy`
 *   (or a fresh `start`).
 * - I6 closed is terminal: after `close`, no effect opens anything.
 * - I7 stop is clean: `stopped` and `closed` hold no link and no timer.
 * - I8 online means connected: `online` only follows a `connected` on
 *   the link opened last.
 */
import { backoffDelay, type BackoffOptions } from "./backoff.ts";

export type ConnectionStateName =
  "stopped" | "authorizing" | "connecting" | "online" | "backoff" | "closed";

/** What to do after a backoff wait. */
export type RetryTarget = "connect" | "authorize";

export interface ConnectionState {
  readonly name: ConnectionStateName;
  /** Consecutive failures since the last successful request. */
  readonly failures: number;
  /** Token refusals since the last successful request. */
  readonly authFailures: number;
  /** Whether the driver holds a token believed to be valid. */
  readonly hasToken: boolean;
  /** In `backoff`: what happens when the wait is over. */
  readonly retry: RetryTarget;
  /** In `backoff`: the chosen wait, in ms. */
  readonly delayMs: number;
}

/** Why a link or request failed; carried into the status as lastError. */
export interface Failure {
  readonly code: string;
  readonly message: string;
}

export type ConnectionEvent =
  | { readonly type: "start" }
  | { readonly type: "stop" }
  | { readonly type: "close" }
  | { readonly type: "tokenReady" }
  | { readonly type: "tokenFailed"; readonly failure: Failure }
  | { readonly type: "connected" }
  | { readonly type: "healthy" }
  | { readonly type: "failed"; readonly failure: Failure }
  | { readonly type: "authExpired"; readonly failure: Failure }
  | { readonly type: "retryTimer" }
  | { readonly type: "networkBack" };

export type Effect =
  | { readonly type: "fetchToken" }
  | { readonly type: "openLink" }
  | { readonly type: "closeLink" }
  | { readonly type: "scheduleRetry"; readonly delayMs: number }
  | { readonly type: "cancelRetry" };

export interface Transition {
  readonly state: ConnectionState;
  readonly effects: readonly Effect[];
}

export interface MachineOptions {
  readonly backoff: Required<BackoffOptions>;
  /** Values in [0, 1); injected so that timelines are reproducible. */
  readonly random: () => number;
}

export const INITIAL_STATE: ConnectionState = {
  name: "stopped",
  failures: 0,
  authFailures: 0,
  hasToken: false,
  retry: "connect",
  delayMs: 0,
};

const OPEN_LINK: Effect = { type: "openLink" };
const CLOSE_LINK: Effect = { type: "closeLink" };
const FETCH_TOKEN: Effect = { type: "fetchToken" };
const CANCEL_RETRY: Effect = { type: "cancelRetry" };

function stay(state: ConnectionState): Transition {
  return { state, effects: [] };
}

function go(
  state: ConnectionState,
  patch: Partial<ConnectionState>,
  effects: readonly Effect[] = [],
): Transition {
  return { state: { ...state, ...patch }, effects };
}

/** Leaves for a retry wait; `linkOpen` says whether to close one first. */
function backoff(
  state: ConnectionState,
  retry: RetryTarget,
  linkOpen: boolean,
  options: MachineOptions,
  patch: Partial<ConnectionState> = {},
): Transition {
  const failures = state.failures + 1;
  const delayMs = backoffDelay(failures, options.backoff, options.random);
  const schedule: Effect = { type: "scheduleRetry", delayMs };
  return go(
    state,
    { ...patch, name: "backoff", failures, retry, delayMs },
    linkOpen ? [CLOSE_LINK, schedule] : [schedule],
  );
}

/** Token refused: refresh at once the first time, then back off. */
function authExpired(
  state: ConnectionState,
  linkOpen: boolean,
  options: MachineOptions,
): Transition {
  const patch = { hasToken: false, authFailures: state.authFailures + 1 };
  if (state.authFailures > 0) {
    return backoff(state, "authorize", linkOpen, options, patch);
  }
  const effects = linkOpen ? [CLOSE_LINK, FETCH_TOKEN] : [FETCH_TOKEN];
  return go(state, { ...patch, name: "authorizing" }, effects);
}

function begin(state: ConnectionState): Transition {
  return state.hasToken
    ? go(state, { name: "connecting" }, [OPEN_LINK])
    : go(state, { name: "authorizing" }, [FETCH_TOKEN]);
}

function fromStopped(
  state: ConnectionState,
  event: ConnectionEvent,
): Transition {
  if (event.type === "start") {
    return begin({ ...state, failures: 0, authFailures: 0 });
  }
  return stay(state);
}

function fromAuthorizing(
  state: ConnectionState,
  event: ConnectionEvent,
  options: MachineOptions,
): Transition {
  switch (event.type) {
    case "tokenReady":
      return go(state, { name: "connecting", hasToken: true }, [OPEN_LINK]);
    case "tokenFailed":
      return backoff(state, "authorize", false, options);
    case "stop":
      return go(state, { name: "stopped" });
    default:
      return stay(state);
  }
}

function fromConnecting(
  state: ConnectionState,
  event: ConnectionEvent,
  options: MachineOptions,
): Transition {
  switch (event.type) {
    case "connected":
      return go(state, { name: "online" });
    case "failed":
      return backoff(state, "connect", true, options);
    case "authExpired":
      return authExpired(state, true, options);
    case "stop":
      return go(state, { name: "stopped" }, [CLOSE_LINK]);
    default:
      return stay(state);
  }
}

function fromOnline(
  state: ConnectionState,
  event: ConnectionEvent,
  options: MachineOptions,
): Transition {
  switch (event.type) {
    case "healthy":
      return state.failures === 0 && state.authFailures === 0
        ? stay(state)
        : go(state, { failures: 0, authFailures: 0 });
    case "failed":
      return backoff(state, "connect", true, options);
    case "authExpired":
      return authExpired(state, true, options);
    case "stop":
      return go(state, { name: "stopped" }, [CLOSE_LINK]);
    default:
      return stay(state);
  }
}

function fromBackoff(
  state: ConnectionState,
  event: ConnectionEvent,
): Transition {
  switch (event.type) {
    case "retryTimer":
      return state.retry === "authorize"
        ? go(state, { name: "authorizing" }, [FETCH_TOKEN])
        : begin(state);
    case "networkBack": {
      const next = state.retry === "authorize" ? FETCH_TOKEN : null;
      const resumed = next
        ? go(state, { name: "authorizing" }, [next])
        : begin(state);
      return { ...resumed, effects: [CANCEL_RETRY, ...resumed.effects] };
    }
    case "stop":
      return go(state, { name: "stopped" }, [CANCEL_RETRY]);
    default:
      return stay(state);
  }
}

/** Whether a link is open (connecting or connected) in `state`. */
export function holdsLink(state: ConnectionState): boolean {
  return state.name === "connecting" || state.name === "online";
}

export function transition(
  state: ConnectionState,
  event: ConnectionEvent,
  options: MachineOptions,
): Transition {
  if (state.name === "closed") return stay(state);
  if (event.type === "close") {
    const cleanup: Effect[] = [];
    if (holdsLink(state)) cleanup.push(CLOSE_LINK);
    if (state.name === "backoff") cleanup.push(CANCEL_RETRY);
    return go(state, { name: "closed" }, cleanup);
  }
  switch (state.name) {
    case "stopped":
      return fromStopped(state, event);
    case "authorizing":
      return fromAuthorizing(state, event, options);
    case "connecting":
      return fromConnecting(state, event, options);
    case "online":
      return fromOnline(state, event, options);
    case "backoff":
      return fromBackoff(state, event);
  }
}
