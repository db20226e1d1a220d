import type { ProductDoc } from "@okada/sync-rules";
import { useObservable } from "../ui/use-observable.ts";
import { useWorkspace } from "../workspace/context.ts";
import { map } from "rxjs";

export type ProductMap = ReadonlyMap<string, Readonly<ProductDoc>>;

const EMPTY: ProductMap = new Map();

/** The local products with these IDs, kept current. */
export function useProducts(ids: readonly string[]): ProductMap {
  const { db } = useWorkspace();
  const key = [...new Set(ids)].sort().join(",");
  return useObservable(
    () =>
      db.products.findByIds(key === "" ? [] : key.split(",")).$.pipe(
        map((docs) => {
          const products = new Map<string, Readonly<ProductDoc>>();
          for (const [id, doc] of docs) products.set(id, doc.toJSON());
          return products;
        }),
      ),
    EMPTY,
    [db, key],
  );
}
