/**
 * Backoff, heartbeat and token timelines under fake timers. Each test
 * records every step of the loop and every link action with its time,
 * and compares the whole timeline with the expected one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "./clock.ts";
import { ConnectionLoop } from "./connection-loop.ts";
import type { NetworkEvents } from "./link.ts";
import { silentLogger } from "./logger.ts";
import { FakeConnector, sequence, type LinkScript } from "./test-support.ts";

type Line = string;

interface Harness {
  loop: ConnectionLoop;
  connector: FakeConnector;
  timeline: Line[];
  tokens: string[];
  networkBack(): void;
}

const T0 = Date.UTC(2025, 0, 1);

function harness(
  script: (attempt: number, token: string) => LinkScript,
  options: { heartbeatIntervalMs?: number; capMs?: number } = {},
): Harness {
  const connector = new FakeConnector(systemClock, script);
  const tokens: string[] = [];
  let onOnline: () => void = () => undefined;
  const networkEvents: NetworkEvents = {
    onOnline(listener) {
      onOnline = listener;
      return () => undefined;
    },
  };
  const loop = new ConnectionLoop({
    connector,
    getToken: () => {
      const token = `t${tokens.length + 1}`;
      tokens.push(token);
      return Promise.resolve(token);
    },
    clock: systemClock,
    random: sequence(0.5),
    backoff: { baseMs: 500, capMs: options.capMs ?? 30_000 },
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 10_000,
    networkEvents,
    logger: silentLogger,
  });
  const timeline: Line[] = [];
  const rel = (at: number): number => at - T0;
  loop.steps$.subscribe((step) => {
    const { name, failures, delayMs } = step.state;
    const wait = name === "backoff" ? ` wait=${delayMs}` : "";
    const why = step.failure ? ` (${step.failure.code})` : "";
    timeline.push(
      `${rel(step.at)} ${step.event} -> ${name} f=${failures}${wait}${why}`,
    );
  });
  const recordsSeen = { n: 0 };
  // Link records are merged in as they happen.
  const push = timeline.push.bind(timeline);
  const flushRecords = (): void => {
    for (const r of connector.records.slice(recordsSeen.n)) {
      const detail = r.what === "open" ? ` ${r.token}` : "";
      push(`${rel(r.at)} link${r.link} ${r.what}${detail}`);
    }
    recordsSeen.n = connector.records.length;
  };
  timeline.push = (...lines: Line[]) => {
    flushRecords();
    return push(...lines);
  };
  return {
    loop,
    connector,
    timeline,
    tokens,
    networkBack: () => onOnline(),
  };
}

/** The timeline with link records flushed, without the initial step. */
function lines(h: Harness): Line[] {
  h.timeline.push("end");
  return h.timeline.slice(1, -1);
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("backoff timeline", () => {
  it("doubles the window up to the cap while the server is down, then resets after a success", async () => {
    let serverUp = false;
    const h = harness(
      () =>
        serverUp
          ? { outcome: "connect", afterMs: 20 }
          : { outcome: "fail", afterMs: 20 },
      { capMs: 4000 },
    );
    h.loop.start();
    await vi.advanceTimersByTimeAsync(8000);
    serverUp = true;
    await vi.advanceTimersByTimeAsync(2500);
    h.loop.reportHealthy();
    h.connector.current?.drop();
    await vi.advanceTimersByTimeAsync(1000);

    expect(lines(h)).toEqual([
      "0 start -> authorizing f=0",
      "0 tokenReady -> connecting f=0",
      "0 link1 open t1",
      "20 failed -> backoff f=1 wait=250 (CONNECT_FAILED)",
      "20 link1 close",
      "270 retryTimer -> connecting f=1",
      "270 link2 open t1",
      "290 failed -> backoff f=2 wait=500 (CONNECT_FAILED)",
      "290 link2 close",
      "790 retryTimer -> connecting f=2",
      "790 link3 open t1",
      "810 failed -> backoff f=3 wait=1000 (CONNECT_FAILED)",
      "810 link3 close",
      "1810 retryTimer -> connecting f=3",
      "1810 link4 open t1",
      "1830 failed -> backoff f=4 wait=2000 (CONNECT_FAILED)",
      "1830 link4 close",
      "3830 retryTimer -> connecting f=4",
      "3830 link5 open t1",
      // The window is capped at 4000 ms: half of it with random 0.5.
      "3850 failed -> backoff f=5 wait=2000 (CONNECT_FAILED)",
      "3850 link5 close",
      "5850 retryTimer -> connecting f=5",
      "5850 link6 open t1",
      "5870 failed -> backoff f=6 wait=2000 (CONNECT_FAILED)",
      "5870 link6 close",
      "7870 retryTimer -> connecting f=6",
      "7870 link7 open t1",
      "7890 failed -> backoff f=7 wait=2000 (CONNECT_FAILED)",
      "7890 link7 close",
      // Back up: the connection alone does not reset the count...
      "9890 retryTimer -> connecting f=7",
      "9890 link8 open t1",
      "9910 connected -> online f=7",
      // ...a successful request does, so the next drop waits little.
      "10500 healthy -> online f=0",
      "10500 failed -> backoff f=1 wait=250 (LINK_LOST)",
      "10500 link8 close",
      "10750 retryTimer -> connecting f=1",
      "10750 link9 open t1",
      "10770 connected -> online f=1",
    ]);
  });

  it("retries at once when the network comes back", async () => {
    let up = false;
    const h = harness(() =>
      up
        ? { outcome: "connect", afterMs: 10 }
        : { outcome: "fail", afterMs: 10 },
    );
    h.loop.start();
    await vi.advanceTimersByTimeAsync(1000);
    up = true;
    h.networkBack();
    await vi.advanceTimersByTimeAsync(2000);
    expect(lines(h)).toEqual([
      "0 start -> authorizing f=0",
      "0 tokenReady -> connecting f=0",
      "0 link1 open t1",
      "10 failed -> backoff f=1 wait=250 (CONNECT_FAILED)",
      "10 link1 close",
      "260 retryTimer -> connecting f=1",
      "260 link2 open t1",
      "270 failed -> backoff f=2 wait=500 (CONNECT_FAILED)",
      "270 link2 close",
      "770 retryTimer -> connecting f=2",
      "770 link3 open t1",
      "780 failed -> backoff f=3 wait=1000 (CONNECT_FAILED)",
      "780 link3 close",
      "1000 networkBack -> connecting f=3",
      "1000 link4 open t1",
      "1010 connected -> online f=3",
    ]);
  });

  it("stops cleanly in backoff: no timer fires and no link opens afterwards", async () => {
    const h = harness(() => ({ outcome: "fail", afterMs: 10 }));
    h.loop.start();
    await vi.advanceTimersByTimeAsync(100);
    h.loop.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(lines(h)).toEqual([
      "0 start -> authorizing f=0",
      "0 tokenReady -> connecting f=0",
      "0 link1 open t1",
      "10 failed -> backoff f=1 wait=250 (CONNECT_FAILED)",
      "10 link1 close",
      "100 stop -> stopped f=1",
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("heartbeat timeline", () => {
  it("probes after one quiet interval and replaces the link after two", async () => {
    const h = harness(() => ({ outcome: "connect", afterMs: 50 }), {
      heartbeatIntervalMs: 1000,
    });
    h.loop.start();
    await vi.advanceTimersByTimeAsync(500);
    h.connector.current?.receive(); // a server ping at 500
    await vi.advanceTimersByTimeAsync(1300);
    h.connector.current?.receive(); // the probe's answer at 1800
    // From here the link is blackholed: nothing arrives.
    await vi.advanceTimersByTimeAsync(2400);
    expect(lines(h)).toEqual([
      "0 start -> authorizing f=0",
      "0 tokenReady -> connecting f=0",
      "0 link1 open t1",
      "50 connected -> online f=0",
      "1500 link1 probe",
      "2800 link1 probe",
      "3800 failed -> backoff f=1 wait=250 (STALLED)",
      "3800 link1 close",
      "4050 retryTimer -> connecting f=1",
      "4050 link2 open t1",
      "4100 connected -> online f=1",
    ]);
  });

  it("detects a dead link within twice the interval of the last traffic", async () => {
    const interval = 15_000;
    const h = harness(() => ({ outcome: "connect", afterMs: 0 }), {
      heartbeatIntervalMs: interval,
    });
    h.loop.start();
    await vi.advanceTimersByTimeAsync(7_000);
    h.connector.current?.receive();
    await vi.advanceTimersByTimeAsync(2 * interval);
    const stalled = h.timeline.find((l) => l.includes("STALLED"));
    expect(stalled).toBe(
      `${7_000 + 2 * interval} failed -> backoff f=1 wait=250 (STALLED)`,
    );
  });
});

describe("token timeline", () => {
  it("refreshes an expired token at once, then backs off if it is refused again", async () => {
    const h = harness((attempt) =>
      attempt <= 2
        ? { outcome: "refuse", afterMs: 30, code: "TOKEN_EXPIRED" }
        : { outcome: "connect", afterMs: 30 },
    );
    h.loop.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(lines(h)).toEqual([
      "0 start -> authorizing f=0",
      "0 tokenReady -> connecting f=0",
      "0 link1 open t1",
      "30 authExpired -> authorizing f=0 (TOKEN_EXPIRED)",
      "30 link1 close",
      "30 tokenReady -> connecting f=0",
      "30 link2 open t2",
      "60 authExpired -> backoff f=1 wait=250 (TOKEN_EXPIRED)",
      "60 link2 close",
      "310 retryTimer -> authorizing f=1",
      "310 tokenReady -> connecting f=1",
      "310 link3 open t3",
      "340 connected -> online f=1",
    ]);
    expect(h.tokens).toEqual(["t1", "t2", "t3"]);
  });

  it("keeps the token across plain reconnections", async () => {
    const h = harness(() => ({ outcome: "connect", afterMs: 10 }));
    h.loop.start();
    await vi.advanceTimersByTimeAsync(100);
    h.connector.current?.drop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.connector.records.filter((r) => r.what === "open")).toEqual([
      { at: T0, link: 1, what: "open", token: "t1" },
      { at: T0 + 350, link: 2, what: "open", token: "t1" },
    ]);
  });

  it("backs off when getToken fails, never spinning", async () => {
    const h = harness(() => ({ outcome: "connect", afterMs: 10 }));
    let calls = 0;
    const failing = new ConnectionLoop({
      connector: h.connector,
      getToken: () => {
        calls++;
        return Promise.reject(new Error("offline"));
      },
      clock: systemClock,
      random: sequence(0.5),
      backoff: { baseMs: 500, capMs: 30_000 },
      heartbeatIntervalMs: 10_000,
      logger: silentLogger,
    });
    failing.start();
    await vi.advanceTimersByTimeAsync(60_000);
    // 250 + 500 + 1000 + 2000 + 4000 + 8000 + 15000 + 15000 ... by 60 s
    expect(calls).toBe(9);
    expect(failing.state.name).toBe("backoff");
  });
});

describe("whenOnline", () => {
  it("waits through a stop, resolves once online, rejects once closed", async () => {
    const h = harness(() => ({ outcome: "connect", afterMs: 10 }));
    const early = h.loop.whenOnline();
    h.loop.start();
    await vi.advanceTimersByTimeAsync(20);
    await expect(early).resolves.toBe(h.connector.current);
    h.loop.stop();
    const afterStop = h.loop.whenOnline();
    await vi.advanceTimersByTimeAsync(1000);
    h.loop.start();
    await vi.advanceTimersByTimeAsync(20);
    await expect(afterStop).resolves.toBe(h.connector.links[1]);
    h.connector.current?.drop();
    const waiting = h.loop.whenOnline();
    h.loop.close();
    await expect(waiting).rejects.toMatchObject({ code: "SYNC_STOPPED" });
    await expect(h.loop.whenOnline()).rejects.toMatchObject({
      code: "SYNC_STOPPED",
    });
  });
});
