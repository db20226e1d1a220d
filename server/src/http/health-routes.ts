import { Router } from "express";
import type { Store } from "../store/types.ts";
import { route, sendError, toOkadaError } from "./errors.ts";

export function healthRoutes(store: Store): Router {
  const router = Router();
  // Liveness: the process answers. Never depends on the store, so an
  // orchestrator does not restart a healthy server during a store outage.
  router.get("/v1/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get(
    "/v1/readyz",
    route(async (_req, res) => {
      try {
        await store.ping();
        res.json({ status: "ready" });
      } catch (error) {
        sendError(res, toOkadaError(error), { status: "unavailable" });
      }
    }),
  );
  return router;
}
