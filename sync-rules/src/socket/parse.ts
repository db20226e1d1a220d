/**
 * Runtime checks of socket messages. The server checks what clients send
 * (refusing with BAD_REQUEST); clients check what the server sends, so a
 * malformed message is skipped instead of corrupting local data.
 */
import { COLLECTION_NAMES, isCollectionName } from "../collections.ts";
import type { CollectionName } from "../collections.ts";
import { OkadaError, isErrorCode } from "../errors.ts";
import type { SyncCheckpoint, WireDoc } from "../protocol.ts";
import { MAX_PULL_LIMIT } from "../protocol.ts";
import type {
  ChangesEvent,
  ErrorReply,
  PullReply,
  PullRequest,
  PushReply,
  PushRequest,
} from "./messages.ts";

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function bad(message: string): OkadaError {
  return new OkadaError("BAD_REQUEST", message);
}

function collectionKeys(value: Obj, what: string): CollectionName[] {
  const keys = Object.keys(value);
  for (const key of keys) {
    if (!isCollectionName(key)) {
      throw new OkadaError(
        "UNKNOWN_COLLECTION",
        `${what} names ${JSON.stringify(key)}; collections are ` +
          `${COLLECTION_NAMES.join(", ")}.`,
      );
    }
  }
  return keys as CollectionName[];
}

function version(value: Obj): void {
  if (value["v"] !== 1) {
    throw bad("Unsupported protocol version; update the app.");
  }
}

export function parsePullRequest(value: unknown): PullRequest {
  if (!isObj(value)) throw bad("A pull must be an object.");
  version(value);
  const { checkpoints, limit } = value;
  if (!isObj(checkpoints)) throw bad("pull.checkpoints must be an object.");
  collectionKeys(checkpoints, "pull.checkpoints");
  if (
    typeof limit !== "number" ||
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > MAX_PULL_LIMIT
  ) {
    throw bad(`pull.limit must be an integer from 1 to ${MAX_PULL_LIMIT}.`);
  }
  // Each checkpoint's content is checked by the sync core.
  return {
    v: 1,
    checkpoints: checkpoints,
    limit,
  };
}

export function parsePushRequest(value: unknown): PushRequest {
  if (!isObj(value)) throw bad("A push must be an object.");
  version(value);
  const { rows } = value;
  if (!isObj(rows)) throw bad("push.rows must be an object.");
  for (const name of collectionKeys(rows, "push.rows")) {
    if (!Array.isArray(rows[name])) {
      throw bad(`push.rows.${name} must be an array.`);
    }
  }
  // Each row is checked against the collection's schema by the sync core.
  return { v: 1, rows: rows };
}

function isWireDoc(value: unknown): value is WireDoc {
  return (
    isObj(value) &&
    typeof value["id"] === "string" &&
    typeof value["_deleted"] === "boolean"
  );
}

function isCheckpoint(value: unknown): value is SyncCheckpoint {
  return isObj(value) && typeof value["seq"] === "string";
}

function isDocList(value: unknown): value is WireDoc[] {
  return Array.isArray(value) && value.every(isWireDoc);
}

export function isErrorReply(value: unknown): value is ErrorReply {
  return (
    isObj(value) &&
    value["ok"] === false &&
    isObj(value["error"]) &&
    isErrorCode(value["error"]["code"]) &&
    typeof value["error"]["message"] === "string"
  );
}

export function isChangesEvent(value: unknown): value is ChangesEvent {
  return (
    isObj(value) &&
    isCollectionName(value["collection"]) &&
    isDocList(value["documents"]) &&
    isCheckpoint(value["checkpoint"])
  );
}

export function isPullReply(value: unknown): value is PullReply {
  if (!isObj(value) || value["ok"] !== true) return false;
  const collections = value["collections"];
  if (!isObj(collections)) return false;
  return Object.entries(collections).every(
    ([name, pull]) =>
      isCollectionName(name) &&
      isObj(pull) &&
      isDocList(pull["documents"]) &&
      isCheckpoint(pull["checkpoint"]) &&
      typeof pull["more"] === "boolean",
  );
}

export function isPushReply(value: unknown): value is PushReply {
  if (!isObj(value) || value["ok"] !== true) return false;
  const results = value["results"];
  if (!isObj(results)) return false;
  return Object.entries(results).every(
    ([name, result]) =>
      isCollectionName(name) &&
      isObj(result) &&
      isDocList(result["conflicts"]) &&
      Array.isArray(result["rejections"]) &&
      result["rejections"].every(
        (r: unknown) =>
          isObj(r) &&
          typeof r["id"] === "string" &&
          isErrorCode(r["code"]) &&
          typeof r["message"] === "string" &&
          (r["master"] === null || isWireDoc(r["master"])),
      ),
  );
}
