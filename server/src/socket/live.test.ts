/**
 * The live queue's bound, in process: an EventEmitter stands in for the
 * engine.io connection (it emits `packetCreate` when a message is queued
 * and `flush` when the transport takes the queue), a map of listeners for
 * the sync core.
 */
import { EventEmitter } from "node:events";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import {
  COLLECTION_NAMES,
  type ChangesEvent,
  type Checkpoint,
  type CollectionName,
} from "@okada/sync-rules";
import type { LiveListener } from "../sync/core.ts";
import type { SyncUser } from "../sync/user.ts";
import { LiveMeter, startLive } from "./live.ts";

const user: SyncUser = { id: "customer", role: "customer", name: "x" };

interface Packet {
  data: string;
}

class FakeConnection extends EventEmitter {
  queue: Packet[] = [];

  /** What socket.io does on emit: encode, then queue in engine.io. */
  send(data: string): void {
    const packet = { data };
    this.emit("packetCreate", packet);
    this.queue.push(packet);
  }

  /** The transport takes everything queued. */
  drain(): void {
    this.emit("flush", this.queue);
    this.queue = [];
  }
}

function fakeCore() {
  const listeners = new Map<CollectionName, LiveListener>();
  return {
    listeners,
    subscribe(_user: SyncUser, name: CollectionName, listener: LiveListener) {
      listeners.set(name, listener);
      return () => listeners.delete(name);
    },
    change(name: CollectionName, id: string) {
      listeners.get(name)?.({
        documents: [{ id, _deleted: false, note: "x".repeat(200) }],
        checkpoint: { seq: "1" as Checkpoint },
      });
    },
  };
}

function setup(maxQueuedBytes: number) {
  const connection = new FakeConnection();
  const meter = new LiveMeter(connection);
  const core = fakeCore();
  const sent: ChangesEvent[] = [];
  let overflows = 0;
  const stop = startLive({
    core,
    user,
    meter,
    maxQueuedBytes,
    emit: (event) => {
      sent.push(event);
      connection.send(JSON.stringify(event));
    },
    overflow: () => overflows++,
    log: pino({ level: "silent" }),
  });
  return { connection, meter, core, sent, stop, overflows: () => overflows };
}

describe("LiveMeter", () => {
  it("counts live packets until the transport takes them", () => {
    const connection = new FakeConnection();
    const meter = new LiveMeter(connection);
    meter.count(() => connection.send("a".repeat(100)));
    meter.count(() => connection.send("b".repeat(50)));
    expect(meter.queued).toBe(150);
    connection.drain();
    expect(meter.queued).toBe(0);
  });

  it("leaves replies to requests out of the count", () => {
    const connection = new FakeConnection();
    const meter = new LiveMeter(connection);
    connection.send("a reply of any size".repeat(1000));
    meter.count(() => connection.send("c".repeat(10)));
    expect(meter.queued).toBe(10);
    connection.drain();
    expect(meter.queued).toBe(0);
  });
});

describe("startLive", () => {
  it("subscribes to every collection and unsubscribes on stop", () => {
    const { core, stop } = setup(10_000);
    expect([...core.listeners.keys()].sort()).toEqual(
      [...COLLECTION_NAMES].sort(),
    );
    stop();
    expect(core.listeners.size).toBe(0);
  });

  it("sends each change with its collection and checkpoint", () => {
    const { core, sent } = setup(10_000);
    core.change("orders", "o1");
    expect(sent).toEqual([
      {
        collection: "orders",
        documents: [expect.objectContaining({ id: "o1" })],
        checkpoint: { seq: "1" },
      },
    ]);
  });

  it("never overflows while the link keeps up", () => {
    const { core, connection, sent, overflows } = setup(1000);
    for (let i = 0; i < 100; i++) {
      core.change("orders", `o${i}`);
      connection.drain();
    }
    expect(sent).toHaveLength(100);
    expect(overflows()).toBe(0);
  });

  it("on a stalled link, stops sending and overflows once past the bound", () => {
    const { core, meter, sent, overflows } = setup(1000);
    for (let i = 0; i < 20; i++) core.change("orders", `o${i}`);
    // An event goes out while the queue is within the bound, so the last
    // one sent is the one that crossed it; nothing is sent after it.
    const size = JSON.stringify(sent[0]).length;
    expect(sent).toHaveLength(Math.floor(1000 / size) + 1);
    expect(meter.queued).toBeGreaterThan(1000);
    expect(meter.queued - size).toBeLessThanOrEqual(1000);
    expect(overflows()).toBe(1);
  });
});
