import { describe, expect, it } from "vitest";
import { liveIterator } from "./live-iterator.ts";

function source() {
  let emit: ((n: number) => void) | undefined;
  let registered = 0;
  const iterator = liveIterator<number>((e) => {
    emit = e;
    registered++;
    return () => {
      registered--;
    };
  });
  return {
    iterator,
    emit: (n: number) => emit?.(n),
    registered: () => registered,
  };
}

describe("liveIterator", () => {
  it("delivers values in order, queued or awaited", async () => {
    const s = source();
    s.emit(1);
    s.emit(2);
    expect(await s.iterator.next()).toEqual({ value: 1, done: false });
    expect(await s.iterator.next()).toEqual({ value: 2, done: false });
    const pending = s.iterator.next();
    s.emit(3);
    expect(await pending).toEqual({ value: 3, done: false });
  });

  it("unregisters on return and ends a pending next", async () => {
    const s = source();
    expect(s.registered()).toBe(1);
    const pending = s.iterator.next();
    await s.iterator.return?.();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(s.registered()).toBe(0);
    s.emit(4);
    expect(await s.iterator.next()).toEqual({ value: undefined, done: true });
  });
});
