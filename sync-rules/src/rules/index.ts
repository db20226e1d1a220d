/**
 * Sync rules: who reads what, who may write what, how concurrent writes
 * merge. The engine (`defineRules`, merge strategies) and Okada's rule
 * set built with it. See README.md.
 */
export type { Refusal, Role, RuleUser, WriteVerdict } from "./types.ts";
export type {
  Change,
  CollectionRules,
  CreateRule,
  FieldRule,
  Lock,
  MergeUnit,
  Relation,
  RulesDefinition,
  ServerOwnedField,
  StatusEdge,
  StatusMachine,
  Wire,
} from "./define.ts";
export { defineRules } from "./define.ts";
export type {
  CounterOptions,
  MergeStrategy,
  UnitValues,
} from "./merge-strategies.ts";
export { mergeStrategies } from "./merge-strategies.ts";
export { checkWriteWith } from "./write.ts";
export type { WriteOptions } from "./write.ts";
export { mergeWith } from "./merge.ts";
export { reviewPushWith } from "./push-review.ts";
export type { PushReview, PushRowInput } from "./push-review.ts";
export { compareTimes } from "./time.ts";

export { OKADA_RULES } from "./okada/index.ts";
export {
  ASSIGNABLE_STATUSES,
  FINAL_ORDER_STATUSES,
  ORDER_EDGES,
  ORDER_RANK,
} from "./okada/order-status.ts";
export type { OrderEdge, OrderRelation } from "./okada/order-status.ts";
export { EMPTY_DIRECTORY, storeDirectory } from "./okada/user-scopes.ts";
export type { StoreDirectory } from "./okada/user-scopes.ts";
export {
  canRead,
  createReader,
  docScopes,
  userScopes,
} from "./okada/reading.ts";
export {
  SERVER_OWNED_FIELDS,
  businessProblems,
  canTransition,
  checkWrite,
  mergeDocs,
  nextStatuses,
  resolveConflict,
  reviewPush,
} from "./okada/api.ts";
export type { ConflictInput } from "./okada/api.ts";
export { okadaConflictHandler } from "./okada/conflict-handler.ts";
