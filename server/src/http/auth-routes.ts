import { Router } from "express";
import { OkadaError } from "@okada/sync-rules";
import type { TokenService } from "../auth/tokens.ts";
import { verifyPassword } from "../seed/password.ts";
import type { Store, UserRecord } from "../store/types.ts";
import type { SyncUser } from "../sync/user.ts";
import { route } from "./errors.ts";

export function userOf(record: UserRecord): SyncUser {
  const user: SyncUser = {
    id: record.username,
    role: record.role,
    name: record.name,
  };
  if (record.storeId) user.storeId = record.storeId;
  if (record.riderId) user.riderId = record.riderId;
  if (record.city) user.city = record.city;
  return user;
}

function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null)?.[name];
  if (typeof value !== "string" || value.length === 0 || value.length > 200) {
    throw new OkadaError(
      "BAD_REQUEST",
      `Send {"username", "password"}; ${name} is missing or not a string.`,
    );
  }
  return value;
}

export function authRoutes(store: Store, tokens: TokenService): Router {
  const router = Router();
  router.post(
    "/v1/auth/login",
    route(async (req, res) => {
      const username = field(req.body, "username");
      const password = field(req.body, "password");
      const record = await store.getUser(username);
      const ok = record
        ? await verifyPassword(password, record.passwordHash)
        : false;
      if (!record || !ok) {
        throw new OkadaError(
          "INVALID_CREDENTIALS",
          "Wrong username or password.",
        );
      }
      const user = userOf(record);
      res.locals["userId"] = user.id;
      res.json({ token: await tokens.sign(user), user });
    }),
  );
  return router;
}
