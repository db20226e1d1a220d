import compression from "compression";
import express, { type Express } from "express";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import type { TokenService } from "../auth/tokens.ts";
import { graphqlHttpHandler } from "../graphql/http-handler.ts";
import type { Store } from "../store/types.ts";
import type { SyncCore } from "../sync/core.ts";
import { authRoutes } from "./auth-routes.ts";
import { errorHandler, notFound } from "./errors.ts";
import { healthRoutes } from "./health-routes.ts";
import { placeholderPage } from "./placeholder.ts";
import { requestLog } from "./request-log.ts";

/**
 * Largest JSON body accepted. A full push batch of orders is well under
 * this; anything larger is refused with PAYLOAD_TOO_LARGE before parsing.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppDeps {
  store: Store;
  core: SyncCore;
  tokens: TokenService;
  schema: GraphQLSchema;
  logger: Logger;
  staticDir?: string;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(requestLog(deps.logger));
  app.use(compression({ threshold: 512 }));
  app.use(express.json({ limit: MAX_BODY_BYTES, type: "application/json" }));
  app.use(healthRoutes(deps.store));
  app.use(authRoutes(deps.store, deps.tokens));
  app.post(
    "/graphql",
    graphqlHttpHandler({
      schema: deps.schema,
      core: deps.core,
      tokens: deps.tokens,
      logger: deps.logger,
    }),
  );
  if (deps.staticDir) {
    app.use(express.static(deps.staticDir, { index: "index.html" }));
  } else {
    app.get("/", (_req, res) => {
      res.type("html").send(placeholderPage);
    });
  }
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
