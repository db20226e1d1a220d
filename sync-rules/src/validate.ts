import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { CollectionName } from "./collections.ts";
import { COLLECTIONS, COLLECTION_NAMES } from "./collections.ts";
import { OkadaError } from "./errors.ts";
import type { WireDoc } from "./protocol.ts";

/**
 * RxDB-only schema keywords. They mean nothing to a JSON Schema validator,
 * so they are registered as annotations.
 */
const RXDB_KEYWORDS = ["version", "primaryKey", "indexes", "final"];

function buildValidators(): Record<CollectionName, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const keyword of RXDB_KEYWORDS) ajv.addKeyword(keyword);
  const out = {} as Record<CollectionName, ValidateFunction>;
  for (const name of COLLECTION_NAMES) {
    out[name] = ajv.compile(COLLECTIONS[name].schema);
  }
  return out;
}

let validators: Record<CollectionName, ValidateFunction> | undefined;

function describe(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === "" ? "document" : e.instancePath;
    return `${where} ${e.message ?? "is invalid"}`;
  });
}

/**
 * Checks a wire document against its collection's schema. Returns the
 * problems found, empty when the document is valid. `_deleted` is the
 * replication flag, not a schema field, so it is checked apart.
 */
export function schemaProblems(
  collection: CollectionName,
  doc: unknown,
): string[] {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    return ["document must be an object"];
  }
  const { _deleted, ...fields } = doc as Record<string, unknown>;
  const problems: string[] = [];
  if (_deleted !== undefined && typeof _deleted !== "boolean") {
    problems.push("/_deleted must be a boolean");
  }
  validators ??= buildValidators();
  const validate = validators[collection];
  if (!validate(fields)) problems.push(...describe(validate.errors));
  return problems;
}

/** Throws `SCHEMA_VIOLATION` unless the document fits its schema. */
export function assertValidDoc(
  collection: CollectionName,
  doc: unknown,
): asserts doc is WireDoc {
  const problems = schemaProblems(collection, doc);
  if (problems.length > 0) {
    const id =
      doc !== null && typeof doc === "object" && "id" in doc
        ? String(doc.id)
        : "(no id)";
    throw new OkadaError(
      "SCHEMA_VIOLATION",
      `${collection}/${id} does not fit the ${collection} schema: ` +
        `${problems.slice(0, 5).join("; ")}. Fix the document and retry.`,
      { collection, id, problems },
    );
  }
}
