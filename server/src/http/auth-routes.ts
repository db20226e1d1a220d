import { Router } from "express";
import { OkadaError } from "@okada/sync-rules";
import type { TokenService } from "../auth/tokens.ts";
import { hashPassword, verifyPassword } from "../seed/password.ts";
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
  // Checked when the user does not exist, so an unknown username costs the
  // same scrypt work as a wrong password: timing tells them apart no
  // better than the message does.
  let decoyHash: Promise<string> | undefined;
  router.post(
    "/v1/auth/login",
    route(async (req, res) => {
      if (!req.is("application/json")) {
        throw new OkadaError(
          "UNSUPPORTED_MEDIA_TYPE",
          'Send {"username", "password"} as application/json.',
        );
      }
      const username = field(req.body, "username");
      const password = field(req.body, "password");
      const record = await store.getUser(username);
      const hash =
        record?.passwordHash ?? (await (decoyHash ??= hashPassword("decoy")));
      const ok = (await verifyPassword(password, hash)) && record !== undefined;
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
