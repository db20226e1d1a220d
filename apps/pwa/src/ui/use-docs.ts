import { map, type Observable } from "rxjs";
import { useObservable } from "./use-observable.ts";

interface Doc<T> {
  toMutableJSON(): T;
}

const NONE: never[] = [];

/**
 * The documents of an RxDB query as plain objects, kept current.
 *
 * @example
 * const stores = useDocs(() => db.stores.find().$, [db]);
 */
export function useDocs<T>(
  make: () => Observable<readonly Doc<T>[]>,
  deps: readonly unknown[],
): T[] {
  return useObservable(
    () => make().pipe(map((docs) => docs.map((doc) => doc.toMutableJSON()))),
    NONE,
    deps,
  );
}

/** Like `useDocs`, but `undefined` until the query first answers. */
export function useLoadedDocs<T>(
  make: () => Observable<readonly Doc<T>[]>,
  deps: readonly unknown[],
): T[] | undefined {
  return useObservable<T[] | undefined>(
    () => make().pipe(map((docs) => docs.map((doc) => doc.toMutableJSON()))),
    undefined,
    deps,
  );
}

/** One document: `undefined` while loading, `null` when there is none. */
export function useDoc<T>(
  make: () => Observable<Doc<T> | null>,
  deps: readonly unknown[],
): T | null | undefined {
  return useObservable<T | null | undefined>(
    () =>
      make().pipe(map((doc) => (doc === null ? null : doc.toMutableJSON()))),
    undefined,
    deps,
  );
}
