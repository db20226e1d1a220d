import {
  assertObjectType,
  buildClientSchema,
  buildSchema,
  getNamedType,
  GraphQLInputObjectType,
  GraphQLObjectType,
  introspectionFromSchema,
  isNonNullType,
  printSchema,
  validateSchema,
} from "graphql";
import type { GraphQLField, GraphQLInputField } from "graphql";
import { describe, expect, test } from "vitest";
import { COLLECTION_NAMES, COLLECTIONS } from "../collections.ts";
import { graphqlTypeNames, operationNames } from "./names.ts";
import { graphqlSdl } from "./sdl.ts";

const schema = buildSchema(graphqlSdl());
const query = assertObjectType(schema.getQueryType());
const mutation = assertObjectType(schema.getMutationType());
const subscription = assertObjectType(schema.getSubscriptionType());

function argType(field: GraphQLField<unknown, unknown>, name: string) {
  return field.args.find((a) => a.name === name)?.type.toString();
}

describe("graphqlSdl", () => {
  test("parses and validates with graphql-js", () => {
    expect(validateSchema(schema)).toEqual([]);
  });

  test("is deterministic and printed once", () => {
    expect(graphqlSdl()).toBe(graphqlSdl());
    // Round trip through graphql-js's printer keeps every definition.
    const reprinted = buildSchema(printSchema(schema));
    expect(printSchema(reprinted)).toBe(printSchema(schema));
  });

  test("answers introspection", () => {
    const client = buildClientSchema(introspectionFromSchema(schema));
    expect(client.getQueryType()?.getFields()["pullProducts"]).toBeDefined();
    expect(client.getType("ProductPushRow")).toBeInstanceOf(
      GraphQLInputObjectType,
    );
  });

  test("shares the checkpoint and header types", () => {
    expect(printSchema(buildSchema(graphqlSdl()))).toContain(
      "type Checkpoint {\n  seq: String!\n}",
    );
    expect(schema.getType("CheckpointInput")?.toString()).toBe(
      "CheckpointInput",
    );
    const headers = schema.getType("SyncHeadersInput");
    expect(headers).toBeInstanceOf(GraphQLInputObjectType);
    const fields = (headers as GraphQLInputObjectType).getFields();
    expect(Object.keys(fields)).toEqual(["Authorization"]);
    expect(fields["Authorization"]?.type.toString()).toBe("String");
  });

  test("uses String for enums and keeps field names", () => {
    const order = assertObjectType(schema.getType("Order"));
    expect(order.getFields()["status"]?.type.toString()).toBe("String!");
    const payment = assertObjectType(schema.getType("OrderPayment"));
    expect(payment.getFields()["method"]?.type.toString()).toBe("String!");
    const product = assertObjectType(schema.getType("Product"));
    expect(product.getFields()["priceXaf"]?.type.toString()).toBe("Int!");
    expect(schema.getTypeMap()).not.toHaveProperty("OrderStatus");
  });

  test("orders: nested lists of objects and optional fields", () => {
    const order = assertObjectType(schema.getType("Order")).getFields();
    expect(order["items"]?.type.toString()).toBe("[OrderItems!]!");
    expect(order["statusHistory"]?.type.toString()).toBe(
      "[OrderStatusHistory!]!",
    );
    expect(order["riderId"]?.type.toString()).toBe("String");
    const input = schema.getType("OrderInput") as GraphQLInputObjectType;
    expect(input.getFields()["items"]?.type.toString()).toBe(
      "[OrderItemsInput!]!",
    );
    expect(input.getFields()["rejectionReason"]?.type.toString()).toBe(
      "String",
    );
  });
});

describe.each(COLLECTION_NAMES)("collection %s", (collection) => {
  const { schema: jsonSchema } = COLLECTIONS[collection];
  const op = operationNames(collection);
  const names = graphqlTypeNames(collection);

  test("has pull, push and stream in RxDB's shape", () => {
    const pull = query.getFields()[op.pull];
    const push = mutation.getFields()[op.push];
    const stream = subscription.getFields()[op.stream];
    if (!pull || !push || !stream) throw new Error("operation missing");

    expect(argType(pull, "checkpoint")).toBe("CheckpointInput");
    expect(argType(pull, "limit")).toBe("Int!");
    expect(pull.type.toString()).toBe(`${names.pullBulk}!`);
    expect(argType(push, "rows")).toBe(`[${names.pushRow}!]!`);
    expect(push.type.toString()).toBe(`[${names.doc}!]!`);
    expect(argType(stream, "headers")).toBe("SyncHeadersInput");
    expect(stream.type.toString()).toBe(`${names.pullBulk}!`);

    const bulk = assertObjectType(schema.getType(names.pullBulk));
    expect(bulk.getFields()["documents"]?.type.toString()).toBe(
      `[${names.doc}!]!`,
    );
    expect(bulk.getFields()["checkpoint"]?.type.toString()).toBe("Checkpoint!");
    const row = schema.getType(names.pushRow) as GraphQLInputObjectType;
    expect(row.getFields()["assumedMasterState"]?.type.toString()).toBe(
      names.input,
    );
    expect(row.getFields()["newDocumentState"]?.type.toString()).toBe(
      `${names.input}!`,
    );
  });

  test("doc type and input list the schema's fields, then _deleted", () => {
    const expected = [...Object.keys(jsonSchema.properties), "_deleted"];
    const output = assertObjectType(schema.getType(names.doc));
    const input = schema.getType(names.input) as GraphQLInputObjectType;
    expect(Object.keys(output.getFields())).toEqual(expected);
    expect(Object.keys(input.getFields())).toEqual(expected);
    expect(output.getFields()["_deleted"]?.type.toString()).toBe("Boolean!");
    expect(input.getFields()["_deleted"]?.type.toString()).toBe("Boolean!");
  });

  test("required fields are non-null in output and input", () => {
    const required = new Set<string>(jsonSchema.required);
    const output = assertObjectType(schema.getType(names.doc)).getFields();
    const input = (
      schema.getType(names.input) as GraphQLInputObjectType
    ).getFields();
    for (const name of Object.keys(jsonSchema.properties)) {
      const pair: [
        string,
        GraphQLField<unknown, unknown> | GraphQLInputField,
      ][] = [
        ["output", output[name]],
        ["input", input[name]],
      ];
      for (const [where, field] of pair) {
        expect(isNonNullType(field.type), `${where} ${name}`).toBe(
          required.has(name),
        );
      }
    }
  });

  test("nested output types have matching input types", () => {
    const output = assertObjectType(schema.getType(names.doc)).getFields();
    for (const field of Object.values(output)) {
      const named = getNamedType(field.type);
      if (!(named instanceof GraphQLObjectType)) continue;
      expect(named.name.startsWith(names.doc)).toBe(true);
      expect(schema.getType(`${named.name}Input`)).toBeInstanceOf(
        GraphQLInputObjectType,
      );
    }
  });
});
