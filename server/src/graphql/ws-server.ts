/**
 * graphql-ws subscriptions on `/graphql`. The token comes either in the
 * connection parameters (`{ headers: { Authorization } }` or
 * `{ Authorization }`) or in each stream's `headers` argument, which is
 * how RxDB's GraphQL replication sends it.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import type { OkadaError } from "@okada/sync-rules";
import { bearerToken, type TokenService } from "../auth/tokens.ts";
import type { SyncCore } from "../sync/core.ts";
import type { SyncUser } from "../sync/user.ts";
import type { GraphQLContext } from "./schema.ts";

/** The Authorization value in a headers-like object, any key case. */
function authorizationOf(headers: unknown): unknown {
  if (!headers || typeof headers !== "object") return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === "authorization") return value;
  }
  const nested = (headers as { headers?: unknown }).headers;
  return nested === undefined ? undefined : authorizationOf(nested);
}

export interface GraphQLWsServer {
  /** Takes upgrades for `path`; returns false for other paths. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

export function createGraphQLWsServer(options: {
  schema: GraphQLSchema;
  core: SyncCore;
  tokens: TokenService;
  logger: Logger;
  path?: string;
  server?: Server;
}): GraphQLWsServer {
  const { schema, core, tokens, logger } = options;
  const path = options.path ?? "/graphql";
  const wss = new WebSocketServer({ noServer: true });
  const verify = (headers: unknown): Promise<SyncUser> =>
    tokens.verify(bearerToken(authorizationOf(headers)));

  const disposable = useServer(
    {
      schema,
      context: (ctx): GraphQLContext => {
        const params = ctx.connectionParams;
        return {
          core,
          authenticate: async (headers) =>
            verify(authorizationOf(headers) ? headers : params),
        };
      },
      onConnect: async (ctx) => {
        // A token offered at connection time must be valid; none at all
        // is allowed because each stream may carry its own.
        if (authorizationOf(ctx.connectionParams) === undefined) return true;
        try {
          await verify(ctx.connectionParams);
          return true;
        } catch (error) {
          logger.info({ code: (error as OkadaError).code }, "ws auth refused");
          return false;
        }
      },
      onError: (_ctx, _id, _payload, errors) => {
        logger.info({ errors: errors.map((e) => e.message) }, "ws op error");
      },
    },
    wss,
  );

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname !== path) return false;
      wss.handleUpgrade(req, socket, head, (ws) => {
        wss.emit("connection", ws, req);
      });
      return true;
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
