/**
 * Typed views of stored documents. Every document reached the store
 * through a schema check (client pushes and the server's own writes
 * alike), which is what makes these casts sound.
 */
import type {
  OrderDoc,
  ProductDoc,
  RiderDoc,
  StockDoc,
  StoreDoc,
  Wire,
  WireDoc,
} from "@okada/sync-rules";

export type Order = Wire<OrderDoc>;
export type Stock = Wire<StockDoc>;

export const asOrder = (doc: WireDoc): Order => doc as unknown as Order;
export const asStock = (doc: WireDoc): Stock => doc as unknown as Stock;
export const asProduct = (doc: WireDoc): ProductDoc =>
  doc as unknown as ProductDoc;
export const asStore = (doc: WireDoc): StoreDoc => doc as unknown as StoreDoc;
export const asRider = (doc: WireDoc): RiderDoc => doc as unknown as RiderDoc;

/** Back to the untyped form the store and the rules take. */
export const wire = (doc: Order | Stock): WireDoc => doc as unknown as WireDoc;
