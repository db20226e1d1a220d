/**
 * Documents on the GraphQL wire: the selection set that asks for every
 * field, and the projection that turns a document into exactly the fields
 * the schema declares, in either direction.
 */
import type { CollectionName } from "../collections.ts";
import type { OrderDoc } from "../schemas/orders.ts";
import type { ProductDoc } from "../schemas/products.ts";
import type { RiderDoc } from "../schemas/riders.ts";
import type { StockDoc } from "../schemas/stock.ts";
import type { StoreDoc } from "../schemas/stores.ts";
import type { WireDoc } from "../protocol.ts";
import type { FieldType, ObjectShape } from "./shape.ts";
import { DELETED_FIELD, docShape } from "./shape.ts";

/** The document type of each collection. */
export interface GraphqlDocTypes {
  stores: StoreDoc;
  products: ProductDoc;
  stock: StockDoc;
  orders: OrderDoc;
  riders: RiderDoc;
}

/** A document of collection `C` as replication carries it. */
export type GraphqlDoc<C extends CollectionName> = GraphqlDocTypes[C] & {
  _deleted: boolean;
};

/**
 * A selection set naming every field, nested objects included, in compact
 * form: `{id name{fr en} _deleted}`. Every byte is sent on every request.
 */
export function selectionSet(shape: ObjectShape): string {
  const fields = shape.fields.map((f) => f.name + nestedSelection(f.type));
  return `{${fields.join(" ")}}`;
}

function nestedSelection(type: FieldType): string {
  if (type.ref.kind === "object") return selectionSet(type.ref.shape);
  if (type.ref.kind === "list") return nestedSelection(type.ref.of);
  return "";
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Keeps the fields the shape declares and drops the rest. A `null` where
 * the JSON Schema does not allow one means "absent" (GraphQL answers
 * `null` for an absent optional field) and is dropped.
 */
export function projectObject(
  shape: ObjectShape,
  value: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of shape.fields) {
    const projected = projectValue(field.type, value[field.name]);
    if (projected !== undefined) out[field.name] = projected;
  }
  return out;
}

function projectValue(type: FieldType, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (value === null) return type.allowsNull ? null : undefined;
  const { ref } = type;
  if (ref.kind === "object" && isRecord(value)) {
    return projectObject(ref.shape, value);
  }
  if (ref.kind === "list" && Array.isArray(value)) {
    return value.map((item: unknown) => projectValue(ref.of, item) ?? null);
  }
  // A scalar, or a value of the wrong kind: the receiver's validation
  // reports it better than a silent drop here would.
  return value;
}

/**
 * A document reduced to its collection's schema fields plus `_deleted`.
 * Drops what RxDB or the store add (`_rev`, `_meta`, `_attachments`) and
 * the `null`s GraphQL answers for absent optional fields. It does not
 * validate: use `schemaProblems` for that.
 *
 * @example
 * projectGraphqlDoc("products", { ...doc, _rev: "1-a", _meta: {} });
 * // { ...doc, _deleted: false }
 */
export function projectGraphqlDoc(
  collection: CollectionName,
  doc: object,
): WireDoc {
  const fields = doc as Readonly<Record<string, unknown>>;
  const projected = projectObject(docShape(collection), fields);
  projected[DELETED_FIELD] = fields[DELETED_FIELD] === true;
  return projected as WireDoc;
}
