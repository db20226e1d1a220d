/** Small HTTP helpers for tests that talk to a real server. */

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export async function requestJson(
  url: string,
  init: {
    method?: string;
    body?: unknown;
    rawBody?: string;
    token?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...init.headers,
  };
  if (init.token) headers["authorization"] = `Bearer ${init.token}`;
  const body =
    init.rawBody ??
    (init.body === undefined ? undefined : JSON.stringify(init.body));
  const res = await fetch(url, {
    method: init.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: tests assert on the raw text.
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export async function login(
  baseUrl: string,
  username: string,
  password = "okada",
): Promise<string> {
  const res = await requestJson(`${baseUrl}/v1/auth/login`, {
    body: { username, password },
  });
  const token = (res.body as { token?: unknown }).token;
  if (res.status !== 200 || typeof token !== "string") {
    throw new Error(`login ${username} failed: ${JSON.stringify(res.body)}`);
  }
  return token;
}

export async function graphql(
  url: string,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<JsonResponse> {
  return requestJson(url, {
    body: variables ? { query, variables } : { query },
    token,
  });
}

/** Polls until `check` returns true or the time is up. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
