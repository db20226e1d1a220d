import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "./clock.ts";
import { Coalescer } from "./coalescer.ts";

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});

afterEach(() => {
  vi.useRealTimers();
});

function recorder(ready: () => Promise<unknown> = () => Promise.resolve()) {
  const batches: { at: number; keys: string[] }[] = [];
  const coalescer = new Coalescer<string, number, number>({
    windowMs: 10,
    clock: systemClock,
    ready,
    send: (batch) => {
      batches.push({ at: Date.now(), keys: [...batch.keys()] });
      return Promise.resolve(
        new Map([...batch].map(([key, value]) => [key, value * 10])),
      );
    },
  });
  return { coalescer, batches };
}

describe("Coalescer", () => {
  it("sends calls made within the window as one batch", async () => {
    const { coalescer, batches } = recorder();
    const results = ["a", "b", "c", "d", "e"].map((key, i) =>
      coalescer.add(key, i),
    );
    await vi.advanceTimersByTimeAsync(10);
    await expect(Promise.all(results)).resolves.toEqual([0, 10, 20, 30, 40]);
    expect(batches).toEqual([{ at: 10, keys: ["a", "b", "c", "d", "e"] }]);
  });

  it("starts a new batch for calls after the window", async () => {
    const { coalescer, batches } = recorder();
    void coalescer.add("a", 1);
    await vi.advanceTimersByTimeAsync(5);
    void coalescer.add("b", 2);
    await vi.advanceTimersByTimeAsync(5);
    void coalescer.add("c", 3);
    await vi.advanceTimersByTimeAsync(20);
    expect(batches).toEqual([
      { at: 10, keys: ["a", "b"] },
      { at: 20, keys: ["c"] },
    ]);
  });

  it("puts a second call for the same key in the next batch", async () => {
    const { coalescer, batches } = recorder();
    const first = coalescer.add("a", 1);
    const second = coalescer.add("a", 2);
    await vi.advanceTimersByTimeAsync(30);
    await expect(Promise.all([first, second])).resolves.toEqual([10, 20]);
    expect(batches).toEqual([
      { at: 10, keys: ["a"] },
      { at: 20, keys: ["a"] },
    ]);
  });

  it("holds calls until ready and sends all of them together", async () => {
    let open: () => void = () => undefined;
    const online = new Promise<void>((resolve) => {
      open = resolve;
    });
    const { coalescer, batches } = recorder(() => online);
    void coalescer.add("a", 1);
    await vi.advanceTimersByTimeAsync(500);
    void coalescer.add("b", 2);
    await vi.advanceTimersByTimeAsync(500);
    open();
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([{ at: 1000, keys: ["a", "b"] }]);
  });

  it("fails every queued call when ready() rejects", async () => {
    const { coalescer, batches } = recorder(() =>
      Promise.reject(new Error("stopped")),
    );
    const calls = [coalescer.add("a", 1), coalescer.add("b", 2)];
    const settled = Promise.allSettled(calls);
    await vi.advanceTimersByTimeAsync(10);
    expect((await settled).map((s) => s.status)).toEqual([
      "rejected",
      "rejected",
    ]);
    expect(batches).toEqual([]);
  });

  describe("claim", () => {
    it("takes the next batch; settling answers it and nothing is sent", async () => {
      let online = (): void => undefined;
      const ready = new Promise<void>((resolve) => (online = resolve));
      const { coalescer, batches } = recorder(() => ready);
      const a = coalescer.add("a", 1);
      const b = coalescer.add("b", 2);
      const again = coalescer.add("a", 3);
      await vi.advanceTimersByTimeAsync(10);
      const claim = coalescer.claim();
      expect([...(claim?.requests ?? [])]).toEqual([
        ["a", 1],
        ["b", 2],
      ]);
      claim?.settle(new Map([["a", 7]]));
      await expect(a).resolves.toBe(7);
      await expect(b).rejects.toMatchObject({ code: "MALFORMED_REPLY" });
      online();
      await vi.advanceTimersByTimeAsync(20);
      // Only the second call for "a", which was not part of the claim.
      await expect(again).resolves.toBe(30);
      expect(batches).toEqual([{ at: 10, keys: ["a"] }]);
    });

    it("puts requeued calls back in front of the next batch", async () => {
      let online = (): void => undefined;
      const ready = new Promise<void>((resolve) => (online = resolve));
      const { coalescer, batches } = recorder(() => ready);
      const a = coalescer.add("a", 1);
      await vi.advanceTimersByTimeAsync(10);
      const claim = coalescer.claim();
      const b = coalescer.add("b", 2);
      claim?.requeue();
      claim?.settle(new Map([["a", 99]]));
      online();
      await vi.advanceTimersByTimeAsync(20);
      await expect(Promise.all([a, b])).resolves.toEqual([10, 20]);
      expect(batches).toEqual([{ at: 10, keys: ["a", "b"] }]);
    });

    it("is null when nothing is queued", () => {
      expect(recorder().coalescer.claim()).toBeNull();
    });
  });
});
