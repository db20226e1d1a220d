/**
 * The connection machine's invariants (I1-I8 in connection-machine.ts),
 * checked on random event sequences, plus a table of the transitions
 * that matter most, as examples.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffCeiling, DEFAULT_BACKOFF } from "./backoff.ts";
import {
  INITIAL_STATE,
  holdsLink,
  transition,
  type ConnectionEvent,
  type ConnectionState,
  type Effect,
  type MachineOptions,
} from "./connection-machine.ts";

const failure = { code: "X", message: "x" };

const eventArb: fc.Arbitrary<ConnectionEvent> = fc.constantFrom<
  ConnectionEvent[]
>(
  { type: "start" },
  { type: "stop" },
  { type: "close" },
  { type: "tokenReady" },
  { type: "tokenFailed", failure },
  { type: "connected" },
  { type: "healthy" },
  { type: "failed", failure },
  { type: "authExpired", failure },
  { type: "retryTimer" },
  { type: "networkBack" },
);

/** Closes are rare in real life; keep most runs going long. */
const eventsArb = fc.array(eventArb, { minLength: 1, maxLength: 80 });

interface Step {
  before: ConnectionState;
  event: ConnectionEvent;
  after: ConnectionState;
  effects: readonly Effect[];
}

function run(events: readonly ConnectionEvent[], random: () => number): Step[] {
  const options: MachineOptions = { backoff: DEFAULT_BACKOFF, random };
  const steps: Step[] = [];
  let state = INITIAL_STATE;
  for (const event of events) {
    const { state: after, effects } = transition(state, event, options);
    steps.push({ before: state, event, after, effects });
    state = after;
  }
  return steps;
}

function property(check: (steps: Step[]) => void): void {
  fc.assert(
    fc.property(
      eventsArb,
      fc.double({ min: 0, max: 0.999, noNaN: true }),
      (events, r) => check(run(events, () => r)),
    ),
    { numRuns: 500 },
  );
}

describe("connection machine invariants", () => {
  it("I1 one link: openLink is never emitted while a link is open", () => {
    property((steps) => {
      let open = false;
      for (const { effects, after } of steps) {
        for (const effect of effects) {
          if (effect.type === "openLink") {
            expect(open).toBe(false);
            open = true;
          }
          if (effect.type === "closeLink") {
            expect(open).toBe(true);
            open = false;
          }
        }
        expect(open).toBe(holdsLink(after));
      }
    });
  });

  it("I2 one timer: a retry timer is scheduled exactly while in backoff", () => {
    property((steps) => {
      let timer = false;
      for (const { effects, after } of steps) {
        for (const effect of effects) {
          if (effect.type === "scheduleRetry") {
            expect(timer).toBe(false);
            timer = true;
          }
          if (effect.type === "cancelRetry") timer = false;
        }
        if (after.name !== "backoff" && timer) {
          // Only a fired timer leaves backoff without cancelling it.
          timer = false;
        }
        expect(timer).toBe(after.name === "backoff");
      }
    });
  });

  it("I3 no tight loop: a failure never opens a link or fetches a token at once, but for the first token refusal", () => {
    property((steps) => {
      for (const { before, event, effects } of steps) {
        const opens = effects.some(
          (e) => e.type === "openLink" || e.type === "fetchToken",
        );
        if (event.type === "failed" || event.type === "tokenFailed") {
          expect(opens).toBe(false);
        }
        if (event.type === "authExpired" && opens) {
          expect(before.authFailures).toBe(0);
        }
      }
    });
  });

  it("I4 bounded waits: every delay lies in the window of its failure count", () => {
    property((steps) => {
      for (const { effects, after } of steps) {
        for (const effect of effects) {
          if (effect.type !== "scheduleRetry") continue;
          const ceiling = backoffCeiling(after.failures, DEFAULT_BACKOFF);
          expect(effect.delayMs).toBeGreaterThanOrEqual(0);
          expect(effect.delayMs).toBeLessThanOrEqual(ceiling);
          expect(ceiling).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs);
        }
      }
    });
  });

  it("I5 reset on success only: failures drop only on healthy or start", () => {
    property((steps) => {
      for (const { before, event, after } of steps) {
        if (after.failures < before.failures) {
          expect(["healthy", "start"]).toContain(event.type);
          expect(after.failures).toBe(0);
        }
      }
    });
  });

  it("I6 closed is terminal: nothing happens after close", () => {
    property((steps) => {
      const closedAt = steps.findIndex((s) => s.event.type === "close");
      if (closedAt < 0) return;
      for (const step of steps.slice(closedAt + 1)) {
        expect(step.after.name).toBe("closed");
        expect(step.effects).toEqual([]);
      }
    });
  });

  it("I7 stop is clean: stopped and closed hold no link and no timer", () => {
    property((steps) => {
      let open = false;
      let timer = false;
      for (const { effects, after, before } of steps) {
        if (before.name === "backoff" && after.name !== "backoff") {
          timer = false;
        }
        for (const effect of effects) {
          if (effect.type === "openLink") open = true;
          if (effect.type === "closeLink") open = false;
          if (effect.type === "scheduleRetry") timer = true;
        }
        if (after.name === "stopped" || after.name === "closed") {
          expect({ open, timer }).toEqual({ open: false, timer: false });
        }
      }
    });
  });

  it("I8 online means connected: online is entered only by connected", () => {
    property((steps) => {
      for (const { before, event, after } of steps) {
        if (after.name === "online" && before.name !== "online") {
          expect(event.type).toBe("connected");
          expect(before.name).toBe("connecting");
        }
      }
    });
  });
});

describe("connection machine transitions", () => {
  const options: MachineOptions = {
    backoff: { baseMs: 500, capMs: 30_000 },
    random: () => 0.5,
  };
  const at = (patch: Partial<ConnectionState>): ConnectionState => ({
    ...INITIAL_STATE,
    ...patch,
  });

  const table: [
    string,
    ConnectionState,
    ConnectionEvent,
    ConnectionState,
    Effect[],
  ][] = [
    [
      "start without a token fetches one",
      at({}),
      { type: "start" },
      at({ name: "authorizing" }),
      [{ type: "fetchToken" }],
    ],
    [
      "start with a token connects",
      at({ hasToken: true }),
      { type: "start" },
      at({ name: "connecting", hasToken: true }),
      [{ type: "openLink" }],
    ],
    [
      "a third failure waits up to 2 s",
      at({ name: "online", hasToken: true, failures: 2 }),
      { type: "failed", failure },
      at({ name: "backoff", hasToken: true, failures: 3, delayMs: 1000 }),
      [{ type: "closeLink" }, { type: "scheduleRetry", delayMs: 1000 }],
    ],
    [
      "the first token refusal refreshes at once",
      at({ name: "connecting", hasToken: true, failures: 4 }),
      { type: "authExpired", failure },
      at({ name: "authorizing", failures: 4, authFailures: 1 }),
      [{ type: "closeLink" }, { type: "fetchToken" }],
    ],
    [
      "a second refusal in a row backs off before refreshing",
      at({ name: "connecting", hasToken: true, authFailures: 1 }),
      { type: "authExpired", failure },
      at({
        name: "backoff",
        failures: 1,
        authFailures: 2,
        retry: "authorize",
        delayMs: 250,
      }),
      [{ type: "closeLink" }, { type: "scheduleRetry", delayMs: 250 }],
    ],
    [
      "the network coming back cuts a wait short",
      at({ name: "backoff", hasToken: true, failures: 5, delayMs: 8000 }),
      { type: "networkBack" },
      at({ name: "connecting", hasToken: true, failures: 5, delayMs: 8000 }),
      [{ type: "cancelRetry" }, { type: "openLink" }],
    ],
    [
      "a successful request resets the count",
      at({ name: "online", hasToken: true, failures: 6, authFailures: 1 }),
      { type: "healthy" },
      at({ name: "online", hasToken: true }),
      [],
    ],
    [
      "connecting alone does not reset the count",
      at({ name: "connecting", hasToken: true, failures: 6 }),
      { type: "connected" },
      at({ name: "online", hasToken: true, failures: 6 }),
      [],
    ],
  ];

  it.each(table)("%s", (_name, before, event, after, effects) => {
    expect(transition(before, event, options)).toEqual({
      state: after,
      effects,
    });
  });
});
