/**
 * The GraphQL shape of a collection's documents, read once from its JSON
 * Schema. The SDL, the selection sets and the document projection are all
 * printed from this one tree, so they cannot disagree.
 *
 * Mapping: string -> String, integer -> Int, number -> Float, boolean ->
 * Boolean, an enum of strings -> String (kept a String so a new value is
 * not a breaking schema change), object -> a nested type named
 * `<Parent><Field>` (input `<Parent><Field>Input`), array -> list.
 * A required field is non-null; so is every list element, unless the JSON
 * Schema allows `null`.
 */
import type { CollectionName } from "../collections.ts";
import { COLLECTIONS } from "../collections.ts";
import { OkadaError } from "../errors.ts";
import type { JsonSchema } from "../schemas/common.ts";

export type GraphqlScalar = "String" | "Int" | "Float" | "Boolean";

export type TypeRef =
  | { kind: "scalar"; name: GraphqlScalar }
  | { kind: "object"; shape: ObjectShape }
  | { kind: "list"; of: FieldType };

export interface FieldType {
  ref: TypeRef;
  /** Printed with `!`: required and `null` not allowed. */
  nonNull: boolean;
  /** The JSON Schema allows `null` here. */
  allowsNull: boolean;
}

export interface FieldShape {
  name: string;
  type: FieldType;
}

export interface ObjectShape {
  /** Output type name, e.g. `ProductName`. */
  typeName: string;
  /** Input type name, e.g. `ProductNameInput`. */
  inputName: string;
  fields: readonly FieldShape[];
}

/** The replication flag every document type carries. */
export const DELETED_FIELD = "_deleted";

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

function unsupported(where: string, problem: string): OkadaError {
  return new OkadaError(
    "INTERNAL",
    `Cannot map ${where} to GraphQL: ${problem}. Change the JSON Schema ` +
      "or teach sync-rules/src/graphql/shape.ts the new case.",
  );
}

/** The shape of an object schema whose output type is `typeName`. */
export function objectShapeOf(
  typeName: string,
  schema: JsonSchema,
  where: string = typeName,
): ObjectShape {
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(
    ([name, sub]): FieldShape => {
      if (!NAME.test(name) || name.startsWith("__")) {
        throw unsupported(`${where}.${name}`, "not a valid GraphQL name");
      }
      const nested = typeName + name[0]?.toUpperCase() + name.slice(1);
      const at = `${where}.${name}`;
      return { name, type: fieldType(sub, required.has(name), nested, at) };
    },
  );
  if (fields.length === 0) {
    throw unsupported(where, "an object needs declared properties");
  }
  return { typeName, inputName: `${typeName}Input`, fields };
}

function fieldType(
  schema: JsonSchema,
  required: boolean,
  nestedName: string,
  where: string,
): FieldType {
  const { type, allowsNull } = jsonType(schema, where);
  const ref = typeRef(type, schema, nestedName, where);
  return { ref, nonNull: required && !allowsNull, allowsNull };
}

function typeRef(
  type: string,
  schema: JsonSchema,
  nestedName: string,
  where: string,
): TypeRef {
  switch (type) {
    case "string":
      return { kind: "scalar", name: "String" };
    case "integer":
      assertInt32(schema, where);
      return { kind: "scalar", name: "Int" };
    case "number":
      return { kind: "scalar", name: "Float" };
    case "boolean":
      return { kind: "scalar", name: "Boolean" };
    case "object":
      return {
        kind: "object",
        shape: objectShapeOf(nestedName, schema, where),
      };
    case "array": {
      if (schema.items === undefined) {
        throw unsupported(where, "an array needs `items`");
      }
      const of = fieldType(schema.items, true, nestedName, `${where}[]`);
      return { kind: "list", of };
    }
    default:
      throw unsupported(where, `type "${type}" has no GraphQL counterpart`);
  }
}

/** The one non-null JSON type of a schema, and whether null is allowed. */
function jsonType(
  schema: JsonSchema,
  where: string,
): { type: string; allowsNull: boolean } {
  if (schema.type === undefined) {
    const values = schema.enum ?? [];
    if (values.length > 0 && values.every((v) => typeof v === "string")) {
      return { type: "string", allowsNull: false };
    }
    throw unsupported(where, "give the field a `type`");
  }
  const types = typeof schema.type === "string" ? [schema.type] : schema.type;
  const nonNull = types.filter((t) => t !== "null");
  const [type] = nonNull;
  if (type === undefined || nonNull.length > 1) {
    throw unsupported(where, `needs exactly one non-null type`);
  }
  return { type, allowsNull: nonNull.length < types.length };
}

/** GraphQL `Int` is 32-bit; a schema that allows more must say Float. */
function assertInt32(schema: JsonSchema, where: string): void {
  const { minimum = 0, maximum = 0 } = schema;
  if (minimum < INT_MIN || maximum > INT_MAX) {
    throw unsupported(where, "its bounds exceed GraphQL's 32-bit Int");
  }
}

const docShapes = new Map<CollectionName, ObjectShape>();

/** The document shape of a collection: its schema fields plus `_deleted`. */
export function docShape(collection: CollectionName): ObjectShape {
  const cached = docShapes.get(collection);
  if (cached !== undefined) return cached;
  const { schema, graphqlType } = COLLECTIONS[collection];
  if (DELETED_FIELD in schema.properties) {
    throw unsupported(`${collection}.${DELETED_FIELD}`, "the name is reserved");
  }
  const shape = objectShapeOf(graphqlType, schema, collection);
  const deleted: FieldShape = {
    name: DELETED_FIELD,
    type: {
      ref: { kind: "scalar", name: "Boolean" },
      nonNull: true,
      allowsNull: false,
    },
  };
  const withDeleted = { ...shape, fields: [...shape.fields, deleted] };
  docShapes.set(collection, withDeleted);
  return withDeleted;
}
