import { buildSchema, printType, validateSchema } from "graphql";
import type { GraphQLNamedType } from "graphql";
import { describe, expect, test } from "vitest";
import { OkadaError } from "../errors.ts";
import type { JsonSchema } from "../schemas/common.ts";
import { objectDefinitions, typeSdl } from "./sdl.ts";
import { objectShapeOf } from "./shape.ts";

/** The output type SDL of a one-field schema `{ f: <field> }`. */
function fieldSdl(field: JsonSchema, required = true): string {
  const shape = objectShapeOf("T", {
    type: "object",
    properties: { f: field },
    required: required ? ["f"] : [],
  });
  const [first] = shape.fields;
  if (first === undefined) throw new Error("no field");
  return typeSdl(first.type, "output");
}

describe("JSON Schema to GraphQL type", () => {
  test.each<[string, JsonSchema, boolean, string]>([
    ["string", { type: "string" }, true, "String!"],
    ["optional string", { type: "string" }, false, "String"],
    ["integer", { type: "integer", maximum: 100_000_000 }, true, "Int!"],
    ["number", { type: "number" }, true, "Float!"],
    ["boolean", { type: "boolean" }, true, "Boolean!"],
    [
      "enum of strings",
      { type: "string", enum: ["a", "b_c"] },
      true,
      "String!",
    ],
    ["enum without type", { enum: ["picked_up"] }, true, "String!"],
    ["nullable string", { type: ["string", "null"] }, true, "String"],
    [
      "object",
      { type: "object", properties: { x: { type: "string" } } },
      true,
      "TF!",
    ],
    [
      "array of strings",
      { type: "array", items: { type: "string" } },
      true,
      "[String!]!",
    ],
    [
      "optional array of ints",
      { type: "array", items: { type: "integer" } },
      false,
      "[Int!]",
    ],
    [
      "array of nullable",
      { type: "array", items: { type: ["number", "null"] } },
      true,
      "[Float]!",
    ],
    [
      "array of objects",
      {
        type: "array",
        items: { type: "object", properties: { x: { type: "string" } } },
      },
      true,
      "[TF!]!",
    ],
    [
      "array of arrays",
      { type: "array", items: { type: "array", items: { type: "boolean" } } },
      true,
      "[[Boolean!]!]!",
    ],
  ])("%s", (_name, field, required, expected) => {
    expect(fieldSdl(field, required)).toBe(expected);
  });

  test("nested types are named <Parent><Field>, inputs end in Input", () => {
    const shape = objectShapeOf("Thing", {
      type: "object",
      properties: {
        label: {
          type: "object",
          properties: {
            short: { type: "string" },
            parts: {
              type: "array",
              items: {
                type: "object",
                properties: { text: { type: "string" } },
                required: ["text"],
              },
            },
          },
          required: ["short"],
        },
        tags: { type: "array", items: { type: "string" } },
      },
      required: ["label"],
    });
    const output = objectDefinitions(shape, "output").map(([n]) => n);
    const input = objectDefinitions(shape, "input").map(([n]) => n);
    expect(output).toEqual(["Thing", "ThingLabel", "ThingLabelParts"]);
    expect(input).toEqual([
      "ThingInput",
      "ThingLabelInput",
      "ThingLabelPartsInput",
    ]);

    // The generated definitions are valid GraphQL on their own.
    const sdl = [
      "type Query { thing(value: ThingInput!): Thing }",
      ...objectDefinitions(shape, "output").map(([, d]) => d),
      ...objectDefinitions(shape, "input").map(([, d]) => d),
    ].join("\n");
    const schema = buildSchema(sdl);
    expect(validateSchema(schema)).toEqual([]);
    const print = (name: string) =>
      printType(schema.getType(name) as GraphQLNamedType);
    expect(print("ThingLabel")).toBe(
      "type ThingLabel {\n  short: String!\n  parts: [ThingLabelParts!]\n}",
    );
    expect(print("ThingLabelPartsInput")).toBe(
      "input ThingLabelPartsInput {\n  text: String!\n}",
    );
    expect(print("Thing")).toContain("tags: [String!]");
  });

  test.each<[string, JsonSchema]>([
    ["a free-form object", { type: "object" }],
    ["an array without items", { type: "array" }],
    ["a null-only type", { type: "null" }],
    ["a union of types", { type: ["string", "number"] }],
    ["an integer beyond 32 bits", { type: "integer", maximum: 2 ** 40 }],
    [
      "a negative integer beyond 32 bits",
      { type: "integer", minimum: -(2 ** 33) },
    ],
    ["a field without a type", { minLength: 1 }],
  ])("refuses %s with a coded error", (_name, field) => {
    expect(() => fieldSdl(field)).toThrow(OkadaError);
    try {
      fieldSdl(field);
    } catch (error) {
      expect((error as OkadaError).code).toBe("INTERNAL");
      expect((error as OkadaError).message).toContain("T.f");
    }
  });

  test.each(["my-field", "__typename2", "1st"])(
    "refuses the field name %j",
    (name) => {
      expect(() =>
        objectShapeOf("T", {
          type: "object",
          properties: { [name]: { type: "string" } },
        }),
      ).toThrow(/not a valid GraphQL name/);
    },
  );
});
