import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { Wire, type Lane } from "./shaper.ts";

// 80 kbit/s is 10 bytes per ms, so slice times are round numbers.
const RATE = 80;

type Event = [at: number, lane: string, what: string];

function setup(options: { sliceBytes?: number } = {}) {
  const events: Event[] = [];
  const wire = new Wire({ now: () => Date.now(), ...options });
  const lane = (name: string): Lane =>
    wire.lane({
      deliver: (chunk) => events.push([Date.now(), name, `${chunk.length}`]),
      finish: (reset) => events.push([Date.now(), name, reset ? "RST" : "FIN"]),
    });
  return { wire, lane, events };
}

function bytes(n: number, fill = 0): Uint8Array {
  return new Uint8Array(n).fill(fill);
}

describe("Wire", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("paces slices by rate, then adds latency", () => {
    const { wire, lane, events } = setup({ sliceBytes: 1000 });
    wire.configure(RATE, 50);
    const a = lane("a");
    a.write(bytes(2500));
    a.end();
    vi.runAllTimers();
    expect(events).toEqual([
      [150, "a", "1000"],
      [250, "a", "1000"],
      [300, "a", "500"],
      [300, "a", "FIN"],
    ]);
  });

  test("lanes share the wire first come, first served", () => {
    const { wire, lane, events } = setup({ sliceBytes: 1000 });
    wire.configure(RATE, 0);
    const a = lane("a");
    const b = lane("b");
    a.write(bytes(2000));
    b.write(bytes(500));
    vi.advanceTimersByTime(120);
    a.write(bytes(100));
    vi.runAllTimers();
    expect(events).toEqual([
      [100, "a", "1000"],
      [200, "a", "1000"],
      [250, "b", "500"],
      [260, "a", "100"],
    ]);
  });

  test("an idle wire does not bank time; late timers do not add up", () => {
    const { wire, lane, events } = setup({ sliceBytes: 100 });
    wire.configure(RATE, 0);
    const a = lane("a");
    a.write(bytes(100));
    vi.advanceTimersByTime(1000);
    a.write(bytes(300));
    vi.runAllTimers();
    expect(events.map(([at]) => at)).toEqual([10, 1010, 1020, 1030]);
  });

  test("a rate change applies from the next slice", () => {
    const { wire, lane, events } = setup({ sliceBytes: 1000 });
    wire.configure(RATE, 0);
    const a = lane("a");
    a.write(bytes(3000));
    vi.advanceTimersByTime(50);
    wire.configure(RATE * 2, 0);
    vi.runAllTimers();
    expect(events.map(([at]) => at)).toEqual([100, 150, 200]);
  });

  test("a shorter latency never reorders a lane", () => {
    const { wire, lane, events } = setup({ sliceBytes: 1000 });
    wire.configure(Infinity, 500);
    const a = lane("a");
    a.write(bytes(10, 1));
    vi.advanceTimersByTime(100);
    wire.configure(Infinity, 0);
    a.write(bytes(20, 2));
    vi.runAllTimers();
    expect(events).toEqual([
      [500, "a", "10"],
      [500, "a", "20"],
    ]);
  });

  test("unlimited and without latency it delivers at once", () => {
    const { lane, events } = setup();
    const a = lane("a");
    a.write(bytes(100_000));
    a.end();
    expect(events).toEqual([
      [0, "a", "100000"],
      [0, "a", "FIN"],
    ]);
  });

  test("a down wire holds bytes and FIN until it is up", () => {
    const { wire, lane, events } = setup({ sliceBytes: 1000 });
    wire.configure(RATE, 100);
    const a = lane("a");
    a.write(bytes(3000));
    a.end();
    // At 150 the first slice is in flight and the second on the wire.
    vi.advanceTimersByTime(150);
    wire.setDown(true);
    vi.advanceTimersByTime(5000);
    expect(events).toEqual([]);
    wire.setDown(false);
    vi.runAllTimers();
    expect(events).toEqual([
      [5150, "a", "1000"],
      [5150, "a", "1000"],
      [5350, "a", "1000"],
      [5350, "a", "FIN"],
    ]);
  });

  test("a reset follows the last byte, even after a FIN", () => {
    const { wire, lane, events } = setup();
    wire.configure(Infinity, 100);
    const a = lane("a");
    a.write(bytes(10));
    a.end();
    vi.runAllTimers();
    a.end(true);
    const b = lane("b");
    b.write(bytes(10));
    b.end(true);
    vi.runAllTimers();
    expect(events).toEqual([
      [100, "a", "10"],
      [100, "a", "FIN"],
      [100, "a", "RST"],
      [200, "b", "10"],
      [200, "b", "RST"],
    ]);
  });

  test("a closed lane drops its queue and frees the wire", () => {
    const { wire, lane, events } = setup({ sliceBytes: 1000 });
    wire.configure(RATE, 0);
    const a = lane("a");
    const b = lane("b");
    a.write(bytes(5000));
    b.write(bytes(1000));
    vi.advanceTimersByTime(10);
    a.close();
    vi.runAllTimers();
    expect(events).toEqual([[200, "b", "1000"]]);
    expect(a.queuedBytes).toBe(0);
  });

  test("queuedBytes counts what is not yet delivered", () => {
    const { wire, lane } = setup({ sliceBytes: 1000 });
    wire.configure(RATE, 0);
    const a = lane("a");
    a.write(bytes(2500));
    expect(a.queuedBytes).toBe(2500);
    vi.advanceTimersByTime(100);
    expect(a.queuedBytes).toBe(1500);
    vi.runAllTimers();
    expect(a.queuedBytes).toBe(0);
  });
});
