/**
 * Building blocks shared by the collection schemas. The schemas are plain
 * JSON Schema in the dialect RxDB accepts, so one definition serves RxDB on
 * the client and ajv on the server.
 */
export interface JsonSchema {
  type?: string | readonly string[];
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  items?: JsonSchema;
  enum?: readonly (string | number | boolean)[];
  additionalProperties?: boolean;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  maxItems?: number;
  minItems?: number;
  pattern?: string;
  format?: string;
  description?: string;
  default?: unknown;
  final?: boolean;
}

/** A collection schema as RxDB takes it (`RxJsonSchema`). */
export interface CollectionSchema extends JsonSchema {
  title: string;
  version: number;
  primaryKey: string;
  type: "object";
  properties: Readonly<Record<string, JsonSchema>>;
  required: readonly string[];
  indexes?: readonly (string | readonly string[])[];
}

export const idField = { type: "string", maxLength: 80, minLength: 1 } as const;

/** A client's recorded time, ISO 8601 in UTC; merges compare these. */
export const timestampField = {
  type: "string",
  maxLength: 30,
  pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z$",
} as const;

export const xafField = {
  type: "integer",
  minimum: 0,
  maximum: 100_000_000,
} as const;

export const geoPoint = {
  type: "object",
  properties: {
    lat: { type: "number", minimum: -90, maximum: 90 },
    lng: { type: "number", minimum: -180, maximum: 180 },
  },
  required: ["lat", "lng"],
  additionalProperties: false,
} as const;

export const text = (maxLength: number) =>
  ({ type: "string", maxLength }) as const;
