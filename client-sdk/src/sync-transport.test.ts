/**
 * The transport over scripted links under fake timers: coalescing,
 * retries, malformed server messages, RESYNC after reconnection.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  COLLECTION_NAMES,
  type Checkpoint,
  type PullRequest,
  type PushRequest,
} from "@okada/sync-rules";
import { systemClock } from "./clock.ts";
import { ConnectionLoop } from "./connection-loop.ts";
import type { NetworkEvents } from "./link.ts";
import type { Logger } from "./logger.ts";
import { SyncTransport } from "./sync-transport.ts";
import { FakeConnector, sequence, type LinkScript } from "./test-support.ts";

const cp = (seq: string) => ({ seq: seq as Checkpoint });
const doc = (id: string) => ({ id, _deleted: false });

function pullReply(request: unknown) {
  const { checkpoints } = request as PullRequest;
  const collections = Object.fromEntries(
    Object.keys(checkpoints).map((name) => [
      name,
      { documents: [doc(`${name}-1`)], checkpoint: cp("9"), more: false },
    ]),
  );
  return { ok: true, collections };
}

function pushReply(request: unknown) {
  const { rows } = request as PushRequest;
  const results = Object.fromEntries(
    Object.keys(rows).map((name) => [name, { conflicts: [], rejections: [] }]),
  );
  return { ok: true, results };
}

interface Setup {
  connector: FakeConnector;
  loop: ConnectionLoop;
  transport: SyncTransport;
  warnings: string[];
  synced: number[];
  networkBack(): void;
}

function setup(
  script: (attempt: number) => LinkScript = () => ({
    outcome: "connect",
    afterMs: 10,
  }),
): Setup {
  const connector = new FakeConnector(systemClock, script);
  const warnings: string[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => warnings.push(message),
    error: (message) => warnings.push(message),
  };
  let onOnline: () => void = () => undefined;
  const networkEvents: NetworkEvents = {
    onOnline: (listener) => {
      onOnline = listener;
      return () => undefined;
    },
  };
  const loop = new ConnectionLoop({
    connector,
    getToken: () => Promise.resolve("token"),
    clock: systemClock,
    random: sequence(0.5),
    backoff: { baseMs: 500, capMs: 30_000 },
    heartbeatIntervalMs: 60_000,
    networkEvents,
    logger,
  });
  const synced: number[] = [];
  const transport = new SyncTransport({
    loop,
    clock: systemClock,
    logger,
    coalesceWindowMs: 15,
    requestTimeoutMs: 60_000,
    pageSize: 2,
    onSynced: () => synced.push(Date.now()),
  });
  return {
    connector,
    loop,
    transport,
    warnings,
    synced,
    networkBack: () => onOnline(),
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("coalescing", () => {
  it("sends the five collections' pulls as one pull message", async () => {
    const { connector, loop, transport } = setup();
    loop.start();
    const pulls = COLLECTION_NAMES.map((name) =>
      transport.pull(name, name === "orders" ? cp("4") : null, 100),
    );
    await vi.advanceTimersByTimeAsync(30);
    expect(connector.requests).toHaveLength(1);
    const [request] = connector.requests;
    expect(request?.name).toBe("pull");
    expect(request?.payload).toEqual({
      v: 1,
      checkpoints: {
        stores: null,
        products: null,
        stock: null,
        orders: cp("4"),
        riders: null,
      },
      limit: 100,
    });
    request?.answer(pullReply(request.payload));
    const pages = await Promise.all(pulls);
    expect(pages.map((p) => p.documents[0]?.id)).toEqual(
      COLLECTION_NAMES.map((name) => `${name}-1`),
    );
  });

  it("sends pushes of several collections as one push message", async () => {
    const { connector, loop, transport } = setup();
    connector.autoAnswer = (name, payload) =>
      name === "push" ? pushReply(payload) : pullReply(payload);
    loop.start();
    const rows = [{ newDocumentState: doc("x") }];
    const pushed = Promise.all([
      transport.push("orders", rows),
      transport.push("riders", rows),
      transport.push("stock", rows),
    ]);
    await vi.advanceTimersByTimeAsync(30);
    await pushed;
    expect(connector.requests.map((r) => r.name)).toEqual(["push"]);
    expect(connector.requests[0]?.payload).toEqual({
      v: 1,
      rows: { orders: rows, riders: rows, stock: rows },
    });
  });

  it("sends everything asked while offline in one message per kind once back", async () => {
    let up = false;
    const harness = setup(() =>
      up
        ? { outcome: "connect", afterMs: 10 }
        : { outcome: "fail", afterMs: 10 },
    );
    const { connector, loop, transport } = harness;
    connector.autoAnswer = (name, payload) =>
      name === "push" ? pushReply(payload) : pullReply(payload);
    loop.start();
    await vi.advanceTimersByTimeAsync(2000);
    const calls = [
      ...COLLECTION_NAMES.map((name) => transport.pull(name, null, 50)),
      transport.push("orders", [{ newDocumentState: doc("o1") }]),
    ];
    await vi.advanceTimersByTimeAsync(1000);
    up = true;
    harness.networkBack();
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(calls);
    expect(connector.requests.map((r) => r.name).sort()).toEqual([
      "pull",
      "push",
    ]);
  });
});

describe("failures", () => {
  it("backs off and resends after an error reply, never in a tight loop", async () => {
    const { connector, loop, transport } = setup();
    let answered = 0;
    connector.autoAnswer = (_name, payload) =>
      ++answered <= 4
        ? {
            ok: false,
            error: { code: "STORE_UNAVAILABLE", message: "store down" },
          }
        : pullReply(payload);
    loop.start();
    const page = transport.pull("orders", null, 10);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(page).resolves.toMatchObject({ more: false });
    // Four refusals, four new links, each after a longer wait.
    expect(connector.requests.map((r) => [r.at, r.link])).toEqual([
      [15, 1],
      [275, 2],
      [785, 3],
      [1795, 4],
      [3805, 5],
    ]);
    expect(loop.state.failures).toBe(0);
  });

  it("skips a malformed reply, logs it and asks again on a new link", async () => {
    const { connector, loop, transport, warnings } = setup();
    let answered = 0;
    connector.autoAnswer = (_name, payload) =>
      ++answered === 1
        ? { ok: true, collections: { orders: { documents: "nope" } } }
        : pullReply(payload);
    loop.start();
    const page = transport.pull("orders", null, 10);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(page).resolves.toMatchObject({ checkpoint: cp("9") });
    expect(warnings).toEqual(["sync: malformed reply skipped"]);
    expect(connector.requests.map((r) => r.link)).toEqual([1, 2]);
  });

  it("refreshes the token when a reply says it expired", async () => {
    const { connector, loop, transport } = setup();
    let answered = 0;
    connector.autoAnswer = (_name, payload) =>
      ++answered === 1
        ? { ok: false, error: { code: "TOKEN_EXPIRED", message: "old" } }
        : pullReply(payload);
    const states: string[] = [];
    loop.steps$.subscribe((s) => states.push(`${s.event}: ${s.state.name}`));
    loop.start();
    const page = transport.pull("orders", null, 10);
    await vi.advanceTimersByTimeAsync(100);
    await expect(page).resolves.toBeDefined();
    expect(states).toEqual([
      "stop: stopped",
      "start: authorizing",
      "tokenReady: connecting",
      "connected: online",
      "authExpired: authorizing",
      "tokenReady: connecting",
      "connected: online",
      "healthy: online",
    ]);
  });

  it("keeps a call cut short by stop() and sends it after start()", async () => {
    const { connector, loop, transport } = setup();
    loop.start();
    const page = transport.pull("orders", null, 10);
    await vi.advanceTimersByTimeAsync(20);
    expect(connector.requests).toHaveLength(1);
    loop.stop();
    await vi.advanceTimersByTimeAsync(1000);
    connector.autoAnswer = (_name, payload) => pullReply(payload);
    loop.start();
    await vi.advanceTimersByTimeAsync(20);
    await expect(page).resolves.toMatchObject({ checkpoint: cp("9") });
    expect(connector.requests.map((r) => r.link)).toEqual([1, 2]);
  });

  it("rejects waiting calls with SYNC_STOPPED when closed", async () => {
    const { loop, transport } = setup(() => ({ outcome: "fail", afterMs: 5 }));
    loop.start();
    const page = transport.pull("orders", null, 10);
    const settled = page.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    loop.close();
    await vi.advanceTimersByTimeAsync(100);
    expect(await settled).toMatchObject({ code: "SYNC_STOPPED" });
  });
});

describe("live changes and catching up", () => {
  function collect(transport: SyncTransport): string[] {
    const items: string[] = [];
    transport
      .stream$("orders")
      .subscribe((item) =>
        items.push(
          `${item.documents.map((d) => d.id).join(",")}@${item.checkpoint.seq}`,
        ),
      );
    return items;
  }

  /** Answers pulls of orders from a feed of five documents, 2 a page. */
  function feed(connector: FakeConnector): void {
    connector.autoAnswer = (name, payload) => {
      if (name === "push") return pushReply(payload);
      const from = Number(
        (payload as PullRequest).checkpoints.orders?.seq ?? 0,
      );
      const to = Math.min(from + 2, 5);
      const documents = [];
      for (let n = from + 1; n <= to; n++) documents.push(doc(`o${n}`));
      return {
        ok: true,
        collections: {
          orders: { documents, checkpoint: cp(String(to)), more: to < 5 },
        },
      };
    };
  }

  it("passes valid changes on and catches up after a malformed one", async () => {
    const { connector, loop, transport, warnings } = setup();
    const items = collect(transport);
    loop.start();
    await vi.advanceTimersByTimeAsync(20);
    const link = connector.current;
    link?.handlers.changes({
      collection: "orders",
      documents: [doc("o1")],
      checkpoint: cp("1"),
    });
    feed(connector);
    link?.handlers.changes({ collection: "orders", documents: [{ id: 7 }] });
    await vi.advanceTimersByTimeAsync(100);
    expect(items).toEqual(["o1@1", "o2,o3@3", "o4,o5@5"]);
    expect(warnings).toEqual(["sync: malformed changes event skipped"]);
  });

  it("catches up on every connection from the last checkpoint handed on", async () => {
    const { connector, loop, transport } = setup();
    const items = collect(transport);
    feed(connector);
    loop.start();
    const first = transport.pull("orders", null, 2);
    await vi.advanceTimersByTimeAsync(20);
    await first;
    // The first connection: nothing was handed on before, no catch-up.
    expect(items).toEqual([]);
    connector.current?.drop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(items).toEqual(["o3,o4@4", "o5@5"]);
    expect(
      connector.requests.map(
        (r) => (r.payload as PullRequest).checkpoints.orders?.seq ?? null,
      ),
    ).toEqual([null, "2", "4"]);
  });

  it("holds live events back until the catch-up has handed on its pages", async () => {
    const { connector, loop, transport } = setup();
    const items = collect(transport);
    feed(connector);
    loop.start();
    const first = transport.pull("orders", null, 2);
    await vi.advanceTimersByTimeAsync(20);
    await first;
    connector.autoAnswer = null;
    connector.current?.drop();
    await vi.advanceTimersByTimeAsync(1000);
    // The catch-up pull is out; a live event for a later change arrives.
    connector.current?.handlers.changes({
      collection: "orders",
      documents: [doc("o6")],
      checkpoint: cp("6"),
    });
    expect(items).toEqual([]);
    const pending = connector.requests.at(-1);
    pending?.answer({
      ok: true,
      collections: {
        orders: {
          documents: [doc("o3"), doc("o4"), doc("o5")],
          checkpoint: cp("5"),
          more: false,
        },
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(items).toEqual(["o3,o4,o5@5", "o6@6"]);
  });

  it("leaves catching up to a pull that is already waiting for the link", async () => {
    const { connector, loop, transport } = setup();
    feed(connector);
    loop.start();
    const first = transport.pull("orders", null, 2);
    await vi.advanceTimersByTimeAsync(20);
    await first;
    connector.current?.drop();
    const waiting = transport.pull("orders", cp("2"), 2);
    await vi.advanceTimersByTimeAsync(1000);
    await waiting;
    expect(connector.requests).toHaveLength(2);
  });

  /** Syncs orders to "2", then drops the link with handshake pulls on. */
  async function syncedThenDropped(s: Setup): Promise<void> {
    feed(s.connector);
    s.loop.start();
    const first = s.transport.pull("orders", null, 2);
    await vi.advanceTimersByTimeAsync(20);
    await first;
    s.connector.handshakePulls = true;
    s.connector.current?.drop();
  }

  /** Lets the next link connect without answering anything. */
  async function silenced(s: Setup): Promise<FakeConnector["autoAnswer"]> {
    const respond = s.connector.autoAnswer;
    s.connector.autoAnswer = null;
    await vi.advanceTimersByTimeAsync(1000);
    return respond;
  }

  const pulledSeqs = (connector: FakeConnector) =>
    connector.requests.map(
      (r) => (r.payload as PullRequest).checkpoints.orders?.seq ?? null,
    );

  it("sends the catch-up's first page with the handshake", async () => {
    const s = setup();
    const items = collect(s.transport);
    await syncedThenDropped(s);
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.connector.handshakes).toEqual([
      { link: 2, pull: { v: 1, checkpoints: { orders: cp("2") }, limit: 2 } },
    ]);
    // The page after the handshake's is pulled the ordinary way.
    expect(items).toEqual(["o3,o4@4", "o5@5"]);
    expect(pulledSeqs(s.connector)).toEqual([null, "4"]);
    expect(s.loop.state.name).toBe("online");
  });

  it("carries pulls waiting for the link in the handshake", async () => {
    const s = setup();
    feed(s.connector);
    s.connector.handshakePulls = true;
    s.loop.start();
    const waiting = s.transport.pull("orders", cp("1"), 2);
    await vi.advanceTimersByTimeAsync(20);
    await expect(waiting).resolves.toMatchObject({ checkpoint: cp("3") });
    expect(s.connector.handshakes).toEqual([
      { link: 1, pull: { v: 1, checkpoints: { orders: cp("1") }, limit: 2 } },
    ]);
    expect(s.connector.requests).toEqual([]);
  });

  it("sends pulls claimed by a lost handshake on the next link", async () => {
    const s = setup();
    feed(s.connector);
    const respond = s.connector.autoAnswer;
    s.connector.autoAnswer = null;
    s.connector.handshakePulls = true;
    s.loop.start();
    const waiting = s.transport.pull("orders", cp("1"), 2);
    await vi.advanceTimersByTimeAsync(20);
    s.connector.current?.drop();
    s.connector.autoAnswer = respond;
    await vi.advanceTimersByTimeAsync(1000);
    await expect(waiting).resolves.toMatchObject({ checkpoint: cp("3") });
    expect(s.connector.handshakes.map((h) => h.link)).toEqual([1, 2]);
    expect(s.connector.handshakes[1]?.pull).toEqual(
      s.connector.handshakes[0]?.pull,
    );
  });

  it("sends no handshake pull before anything was handed on", async () => {
    const s = setup();
    s.connector.handshakePulls = true;
    s.loop.start();
    await vi.advanceTimersByTimeAsync(20);
    expect(s.connector.handshakes).toEqual([{ link: 1, pull: undefined }]);
  });

  it("is busy until the handshake's page is answered", async () => {
    const s = setup();
    const busy: number[] = [];
    s.transport.busy$.subscribe((n) => busy.push(n));
    await syncedThenDropped(s);
    await silenced(s);
    expect(busy.at(-1)).toBe(1);
    s.connector.current?.pulled({
      ok: true,
      collections: {
        orders: { documents: [doc("o3")], checkpoint: cp("3"), more: false },
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(busy.at(-1)).toBe(0);
  });

  const fallbacks = [
    {
      name: "refused",
      answer: { ok: false, error: { code: "INTERNAL", message: "x" } },
    },
    { name: "malformed", answer: { ok: true, collections: {} } },
  ];
  it.each(fallbacks)(
    "pulls the first page the ordinary way when the reply is $name",
    async ({ answer }) => {
      const s = setup();
      const items = collect(s.transport);
      await syncedThenDropped(s);
      const respond = s.connector.autoAnswer;
      s.connector.autoAnswer = (name, payload) =>
        s.connector.handshakes.some((h) => h.pull === payload)
          ? answer
          : respond?.(name, payload);
      await vi.advanceTimersByTimeAsync(1000);
      expect(items).toEqual(["o3,o4@4", "o5@5"]);
      expect(pulledSeqs(s.connector)).toEqual([null, "2", "4"]);
    },
  );

  it("pulls the first page the ordinary way when no reply comes", async () => {
    const s = setup();
    const items = collect(s.transport);
    await syncedThenDropped(s);
    const respond = await silenced(s);
    expect(s.connector.requests).toHaveLength(1);
    // The request timeout of setup() is 60 s.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(items).toEqual([]);
    expect(pulledSeqs(s.connector)).toEqual([null, "2"]);
    s.connector.autoAnswer = respond;
    const pending = s.connector.requests.at(-1);
    pending?.answer(respond?.("pull", pending.payload));
    await vi.advanceTimersByTimeAsync(100);
    expect(items).toEqual(["o3,o4@4", "o5@5"]);
    expect(pulledSeqs(s.connector)).toEqual([null, "2", "4"]);
  });

  it("drops held events with their link; the next page covers them", async () => {
    const s = setup();
    const items = collect(s.transport);
    await syncedThenDropped(s);
    const respond = await silenced(s);
    // On link 2, a live event arrives before the handshake's reply, then
    // the link drops: the catch-up pulls again on link 3.
    s.connector.current?.handlers.changes({
      collection: "orders",
      documents: [doc("o3")],
      checkpoint: cp("3"),
    });
    s.connector.current?.drop();
    s.connector.autoAnswer = respond;
    await vi.advanceTimersByTimeAsync(2000);
    expect(s.connector.links).toHaveLength(3);
    // The catch-up's own pull, waiting for a link, rides link 3's
    // handshake; the live event of link 2 is never handed on.
    expect(s.connector.handshakes.at(-1)).toEqual({
      link: 3,
      pull: { v: 1, checkpoints: { orders: cp("2") }, limit: 2 },
    });
    expect(items).toEqual(["o3,o4@4", "o5@5"]);
    expect(pulledSeqs(s.connector)).toEqual([null, "4"]);
  });

  it("ignores changes from a link that was replaced", async () => {
    const { connector, loop, transport } = setup();
    const items = collect(transport);
    loop.start();
    await vi.advanceTimersByTimeAsync(20);
    const old = connector.current;
    old?.drop();
    await vi.advanceTimersByTimeAsync(1000);
    old?.handlers.changes({
      collection: "orders",
      documents: [doc("late")],
      checkpoint: cp("1"),
    });
    expect(items).toEqual([]);
  });
});
