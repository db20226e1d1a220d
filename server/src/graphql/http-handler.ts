/**
 * GraphQL over HTTP POST. Each failure gets the contract's coded error as
 * well as GraphQL's `errors` list, so both plain HTTP clients and RxDB's
 * GraphQL replication (which reads `errors`) understand it.
 */
import type { RequestHandler, Response } from "express";
import {
  OperationTypeNode,
  coerceInputValue,
  execute,
  getOperationAST,
  isInputType,
  parse,
  typeFromAST,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
} from "graphql";
import type { Logger } from "pino";
import { OkadaError, type PushRejection } from "@okada/sync-rules";
import { bearerToken, type TokenService } from "../auth/tokens.ts";
import { sendError, toOkadaError } from "../http/errors.ts";
import type { SyncCore } from "../sync/core.ts";

interface GraphQLBody {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

function readBody(body: unknown): GraphQLBody {
  const b = body as Record<string, unknown> | null | undefined;
  if (!b || typeof b !== "object" || typeof b["query"] !== "string") {
    throw new OkadaError(
      "MALFORMED_QUERY",
      'POST a JSON body {"query", "variables"?, "operationName"?}.',
    );
  }
  const variables = b["variables"];
  const operationName = b["operationName"];
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== "object" || Array.isArray(variables))
  ) {
    throw new OkadaError("MALFORMED_QUERY", "variables must be an object.");
  }
  if (
    operationName !== undefined &&
    operationName !== null &&
    typeof operationName !== "string"
  ) {
    throw new OkadaError("MALFORMED_QUERY", "operationName must be a string.");
  }
  const out: GraphQLBody = { query: b["query"] };
  if (variables) out.variables = variables as Record<string, unknown>;
  if (typeof operationName === "string") out.operationName = operationName;
  return out;
}

function malformed(errors: readonly GraphQLError[]): OkadaError {
  return new OkadaError(
    "MALFORMED_QUERY",
    errors.map((e) => e.message).join(" "),
  );
}

function parseDocument(schema: GraphQLSchema, body: GraphQLBody): DocumentNode {
  let document: DocumentNode;
  try {
    document = parse(body.query, { maxTokens: 5000 });
  } catch (error) {
    throw malformed([error as GraphQLError]);
  }
  const problems = validate(schema, document);
  if (problems.length > 0) throw malformed(problems);
  const operation = getOperationAST(document, body.operationName);
  if (!operation) {
    throw new OkadaError(
      "MALFORMED_QUERY",
      body.operationName === undefined
        ? "Name the operation to run with operationName."
        : `The query has no operation named ${body.operationName}.`,
    );
  }
  if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
    throw new OkadaError(
      "MALFORMED_QUERY",
      "Subscriptions run over WebSocket (graphql-ws) on this path.",
    );
  }
  return document;
}

/** Fields of a push row that hold a document. */
const DOCUMENT_FIELDS: ReadonlySet<unknown> = new Set([
  "newDocumentState",
  "assumedMasterState",
]);

function printPath(path: readonly (string | number)[]): string {
  return path.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("");
}

/**
 * graphql-js refused the variables before any resolver ran. The push input
 * types are generated from the collection schemas, so a pushed document
 * they refuse (a field missing, unknown or of the wrong type) fails its
 * schema: SCHEMA_VIOLATION, as the validator would say. Anything else is
 * a malformed request.
 */
function requestError(
  schema: GraphQLSchema,
  document: DocumentNode,
  body: GraphQLBody,
  errors: readonly GraphQLError[],
): OkadaError {
  const operation = getOperationAST(document, body.operationName);
  const problems: string[] = [];
  for (const definition of operation?.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    const value = body.variables?.[name];
    if (!isInputType(type) || value === undefined || value === null) continue;
    coerceInputValue(value, type, (path, _invalid, error) => {
      if (path.some((key) => DOCUMENT_FIELDS.has(key))) {
        const message = error.message.replace(/\.$/, "");
        problems.push(`${name}${printPath(path)}: ${message}`);
      }
    });
  }
  if (problems.length === 0) return malformed(errors);
  return new OkadaError(
    "SCHEMA_VIOLATION",
    `A pushed document does not fit its schema: ` +
      `${problems.slice(0, 5).join("; ")}. Fix the document and retry.`,
    { problems: problems.slice(0, 50) },
  );
}

/** The coded error behind an execution result, if any. */
function firstCodedError(result: ExecutionResult): OkadaError | undefined {
  for (const error of result.errors ?? []) {
    const original = error.originalError;
    if (original instanceof OkadaError) return original;
    if (original === undefined || original === null) {
      // Variable coercion and similar request errors carry no original.
      return malformed([error]);
    }
    return toOkadaError(original);
  }
  return undefined;
}

function sendResult(res: Response, result: ExecutionResult): void {
  const coded = firstCodedError(result);
  if (!coded) {
    res.json(result);
    return;
  }
  const errors = (result.errors ?? []).map((e) => {
    const code =
      e.originalError instanceof OkadaError ? e.originalError.code : coded.code;
    const message = code === "INTERNAL" ? coded.message : e.message;
    return { message, path: e.path, extensions: { code } };
  });
  sendError(res, coded, { data: result.data ?? null, errors });
}

export function graphqlHttpHandler(options: {
  schema: GraphQLSchema;
  core: SyncCore;
  tokens: TokenService;
  logger: Logger;
}): RequestHandler {
  const { schema, core, tokens, logger } = options;
  return async (req, res) => {
    try {
      if (!req.is("application/json")) {
        throw new OkadaError(
          "UNSUPPORTED_MEDIA_TYPE",
          "Send GraphQL requests as application/json.",
        );
      }
      const user = await tokens.verify(bearerToken(req.headers.authorization));
      res.locals["userId"] = user.id;
      const body = readBody(req.body);
      const document = parseDocument(schema, body);
      const rejections: PushRejection[] = [];
      const executed = await execute({
        schema,
        document,
        variableValues: body.variables ?? null,
        operationName: body.operationName ?? null,
        contextValue: { core, user, rejections },
      });
      // Refused rows travel beside the data: RxDB reads only the conflict
      // list, while clients that care find the reasons here.
      const result =
        rejections.length > 0
          ? { ...executed, extensions: { ...executed.extensions, rejections } }
          : executed;
      // No `data` at all: refused before execution (variables that do
      // not fit their types), which is the client's fault, not ours.
      if (result.errors && !("data" in result)) {
        throw requestError(schema, document, body, result.errors);
      }
      for (const error of result.errors ?? []) {
        if (
          !(error.originalError instanceof OkadaError) &&
          error.originalError
        ) {
          logger.error({ err: error.originalError }, "graphql resolver failed");
        }
      }
      sendResult(res, result);
    } catch (error) {
      const coded = toOkadaError(error);
      if (coded.code === "INTERNAL") logger.error({ err: error }, "graphql");
      sendError(res, coded, {
        errors: [{ message: coded.message, extensions: { code: coded.code } }],
      });
    }
  };
}
