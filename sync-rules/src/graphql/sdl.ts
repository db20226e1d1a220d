/**
 * The server's GraphQL schema, printed as SDL from the collection schemas.
 * The output is deterministic: collections in `COLLECTION_NAMES` order,
 * fields in the order the JSON Schema declares them, `_deleted` last.
 */
import type { CollectionName } from "../collections.ts";
import { COLLECTION_NAMES } from "../collections.ts";
import { OkadaError } from "../errors.ts";
import {
  GRAPHQL_CHECKPOINT_INPUT,
  GRAPHQL_CHECKPOINT_TYPE,
  GRAPHQL_HEADERS_INPUT,
  graphqlTypeNames,
  operationNames,
} from "./names.ts";
import type { FieldType, ObjectShape } from "./shape.ts";
import { docShape } from "./shape.ts";

export type Direction = "output" | "input";

/** How a field's type is written, e.g. `[OrderItems!]!`. */
export function typeSdl(type: FieldType, direction: Direction): string {
  const { ref } = type;
  const base =
    ref.kind === "scalar"
      ? ref.name
      : ref.kind === "list"
        ? `[${typeSdl(ref.of, direction)}]`
        : direction === "output"
          ? ref.shape.typeName
          : ref.shape.inputName;
  return type.nonNull ? `${base}!` : base;
}

/**
 * The definitions of an object shape and of every type nested in it,
 * parent first, as `[name, sdl]` pairs.
 */
export function objectDefinitions(
  shape: ObjectShape,
  direction: Direction,
): [string, string][] {
  const keyword = direction === "output" ? "type" : "input";
  const name = direction === "output" ? shape.typeName : shape.inputName;
  const lines = shape.fields.map(
    (f) => `  ${f.name}: ${typeSdl(f.type, direction)}`,
  );
  const own: [string, string] = [
    name,
    `${keyword} ${name} {\n${lines.join("\n")}\n}`,
  ];
  const nested = shape.fields.flatMap((f) => nestedShapes(f.type));
  return [own, ...nested.flatMap((s) => objectDefinitions(s, direction))];
}

function nestedShapes(type: FieldType): ObjectShape[] {
  if (type.ref.kind === "object") return [type.ref.shape];
  if (type.ref.kind === "list") return nestedShapes(type.ref.of);
  return [];
}

const SHARED: [string, string][] = [
  [
    GRAPHQL_CHECKPOINT_TYPE,
    '"""Where a pull stopped. `seq` is opaque: send it back as it came."""\n' +
      `type ${GRAPHQL_CHECKPOINT_TYPE} {\n  seq: String!\n}`,
  ],
  [
    GRAPHQL_CHECKPOINT_INPUT,
    `input ${GRAPHQL_CHECKPOINT_INPUT} {\n  seq: String!\n}`,
  ],
  [
    GRAPHQL_HEADERS_INPUT,
    '"""Credentials for a subscription, which cannot send HTTP headers."""\n' +
      `input ${GRAPHQL_HEADERS_INPUT} {\n  Authorization: String\n}`,
  ],
];

function collectionDefinitions(collection: CollectionName): [string, string][] {
  const shape = docShape(collection);
  const names = graphqlTypeNames(collection);
  const pullBulk: [string, string] = [
    names.pullBulk,
    `"""One page of ${collection} changes and the checkpoint after it."""\n` +
      `type ${names.pullBulk} {\n  documents: [${names.doc}!]!\n` +
      `  checkpoint: ${GRAPHQL_CHECKPOINT_TYPE}!\n}`,
  ];
  const pushRow: [string, string] = [
    names.pushRow,
    `"""One ${collection} write, in the shape RxDB replication sends."""\n` +
      `input ${names.pushRow} {\n  assumedMasterState: ${names.input}\n` +
      `  newDocumentState: ${names.input}!\n}`,
  ];
  return [
    ...objectDefinitions(shape, "output"),
    pullBulk,
    ...objectDefinitions(shape, "input"),
    pushRow,
  ];
}

function rootType(name: string, fields: string[]): [string, string] {
  return [name, `type ${name} {\n${fields.join("\n")}\n}`];
}

function rootTypes(): [string, string][] {
  const query: string[] = [];
  const mutation: string[] = [];
  const subscription: string[] = [];
  for (const collection of COLLECTION_NAMES) {
    const op = operationNames(collection);
    const names = graphqlTypeNames(collection);
    query.push(
      `  """Changes to ${collection} after \`checkpoint\`, oldest first."""`,
      `  ${op.pull}(checkpoint: ${GRAPHQL_CHECKPOINT_INPUT}, limit: Int!): ` +
        `${names.pullBulk}!`,
    );
    mutation.push(
      `  """Writes ${collection}; returns the master state of conflicts."""`,
      `  ${op.push}(rows: [${names.pushRow}!]!): [${names.doc}!]!`,
    );
    subscription.push(
      `  """Live ${collection} changes, one page per event."""`,
      `  ${op.stream}(headers: ${GRAPHQL_HEADERS_INPUT}): ${names.pullBulk}!`,
    );
  }
  return [
    rootType("Query", query),
    rootType("Mutation", mutation),
    rootType("Subscription", subscription),
  ];
}

/** Throws when two generated definitions would share a name. */
function assertUniqueNames(definitions: [string, string][]): void {
  const seen = new Set<string>();
  for (const [name] of definitions) {
    if (seen.has(name)) {
      throw new OkadaError(
        "INTERNAL",
        `Two GraphQL types are both named "${name}". Rename a field or a ` +
          "collection's graphqlType so the generated names differ.",
      );
    }
    seen.add(name);
  }
}

let cachedSdl: string | undefined;

/**
 * The whole GraphQL schema as SDL, for graphql-js `buildSchema`.
 *
 * @example
 * const schema = buildSchema(graphqlSdl());
 */
export function graphqlSdl(): string {
  if (cachedSdl !== undefined) return cachedSdl;
  const definitions = [
    ...SHARED,
    ...rootTypes(),
    ...COLLECTION_NAMES.flatMap(collectionDefinitions),
  ];
  assertUniqueNames(definitions);
  cachedSdl = `${definitions.map(([, sdl]) => sdl).join("\n\n")}\n`;
  return cachedSdl;
}
