/** `POST /v1/auth/login`, with failures a person can act on. */
import type { MessageKey } from "../i18n/messages.ts";
import { isRecord } from "../ui/local.ts";
import { parseSession, type Session } from "./session.ts";

export class LoginError extends Error {
  /** What to tell the user. */
  readonly key: MessageKey;

  constructor(key: MessageKey, detail: string) {
    super(detail);
    this.name = "LoginError";
    this.key = key;
  }
}

function errorCode(body: unknown): string | null {
  const error = isRecord(body) ? body["error"] : undefined;
  return isRecord(error) && typeof error["code"] === "string"
    ? error["code"]
    : null;
}

export async function login(
  username: string,
  password: string,
): Promise<Session> {
  let response: Response;
  try {
    response = await fetch("/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
  } catch (error) {
    throw new LoginError("login.offline", String(error));
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const code = errorCode(body);
    if (code === "INVALID_CREDENTIALS" || code === "BAD_REQUEST") {
      throw new LoginError("login.wrong", code);
    }
    throw new LoginError("login.failed", `${response.status} ${code ?? ""}`);
  }
  const session = parseSession(body);
  if (session === null) throw new LoginError("login.failed", "bad answer");
  return session;
}
