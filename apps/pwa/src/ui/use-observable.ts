import { useEffect, useState } from "preact/hooks";
import type { Observable } from "rxjs";

/**
 * The latest value of the observable `make()` returns: an RxDB query's
 * `$`, the sync status. Subscribes again when `deps` change and shows
 * `initial` until the new source emits.
 *
 * @example
 * const orders = useObservable(() => db.orders.find().$, [], [db]);
 */
export function useObservable<T>(
  make: () => Observable<T>,
  initial: T,
  deps: readonly unknown[],
): T {
  // Boxed, so that the same array emitted twice still re-renders and a
  // function value is never mistaken for an updater.
  const [box, setBox] = useState<{ value: T }>({ value: initial });
  useEffect(() => {
    setBox({ value: initial });
    const subscription = make().subscribe((value) => setBox({ value }));
    return () => subscription.unsubscribe();
    // `make` and `initial` are read fresh each time `deps` change.
  }, deps);
  return box.value;
}
