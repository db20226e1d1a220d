/**
 * Adapts a listener registration to the async iterator that GraphQL
 * subscriptions consume. Values arriving while nobody awaits are queued in
 * order; `return()` unregisters the listener and ends the iteration.
 */
export function liveIterator<T>(
  register: (emit: (value: T) => void) => () => void,
): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let done = false;

  const unregister = register((value) => {
    if (done) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value, done: false });
    } else {
      queue.push(value);
    }
  });

  function finish(): Promise<IteratorResult<T>> {
    if (!done) {
      done = true;
      unregister();
      queue.length = 0;
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  return {
    next() {
      const value = queue.shift();
      if (value !== undefined) return Promise.resolve({ value, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return: finish,
    throw: finish,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
