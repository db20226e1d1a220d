/**
 * The executable GraphQL schema: the SDL generated in sync-rules, with
 * each collection's pull, push and stream fields wired to the sync core.
 */
import {
  buildSchema,
  type GraphQLFieldConfig,
  type GraphQLSchema,
} from "graphql";
import {
  COLLECTION_NAMES,
  graphqlSdl,
  operationNames,
  type CollectionName,
  type PullResult,
  type PushRejection,
} from "@okada/sync-rules";
import type { SyncCore } from "../sync/core.ts";
import type { SyncUser } from "../sync/user.ts";
import { liveIterator } from "./live-iterator.ts";

/** What resolvers receive; `user` is set once the token is verified. */
export interface GraphQLContext {
  core: SyncCore;
  /** HTTP: verified before execution. */
  user?: SyncUser;
  /** Rows refused during this request, reported in `extensions`. */
  rejections?: PushRejection[];
  /** WebSocket: verifies the token of a subscription. */
  authenticate?: (headers: unknown) => Promise<SyncUser>;
}

type Resolver = NonNullable<
  GraphQLFieldConfig<unknown, GraphQLContext>["resolve"]
>;
type Subscriber = NonNullable<
  GraphQLFieldConfig<unknown, GraphQLContext>["subscribe"]
>;

function requireUser(context: GraphQLContext): SyncUser {
  // The HTTP handler rejects unauthenticated requests before execution;
  // reaching here without a user is a wiring fault, not a client error.
  if (!context.user) throw new Error("GraphQL executed without a user");
  return context.user;
}

function pullResolver(collection: CollectionName): Resolver {
  return (_src, args: Record<string, unknown>, context) =>
    context.core.pull(
      requireUser(context),
      collection,
      args["checkpoint"],
      args["limit"],
    );
}

function pushResolver(collection: CollectionName): Resolver {
  return async (_src, args: Record<string, unknown>, context) => {
    const user = requireUser(context);
    const result = await context.core.push(user, collection, args["rows"]);
    context.rejections?.push(...result.rejections);
    return result.conflicts;
  };
}

function streamSubscriber(collection: CollectionName): Subscriber {
  return async (_src, args: Record<string, unknown>, context) => {
    const user =
      context.user ?? (await context.authenticate?.(args["headers"]));
    if (!user) throw new Error("GraphQL subscription without authentication");
    return liveIterator<PullResult>((emit) =>
      context.core.subscribe(user, collection, emit),
    );
  };
}

export function createSchema(): GraphQLSchema {
  const schema = buildSchema(graphqlSdl());
  const query = schema.getQueryType()?.getFields();
  const mutation = schema.getMutationType()?.getFields();
  const subscription = schema.getSubscriptionType()?.getFields();
  if (!query || !mutation || !subscription) {
    throw new Error("The generated SDL lacks a root type");
  }
  for (const name of COLLECTION_NAMES) {
    const ops = operationNames(name);
    const pull = query[ops.pull];
    const push = mutation[ops.push];
    const stream = subscription[ops.stream];
    if (!pull || !push || !stream) {
      throw new Error(`The generated SDL lacks operations for ${name}`);
    }
    pull.resolve = pullResolver(name);
    push.resolve = pushResolver(name);
    stream.subscribe = streamSubscriber(name);
    stream.resolve = (payload: unknown) => payload;
  }
  return schema;
}
