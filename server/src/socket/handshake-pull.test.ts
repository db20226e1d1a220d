/**
 * A pull carried by the handshake (`auth.pull`) is answered by one
 * `pulled` event, exactly as the same `pull` request would be; a bad one
 * is answered with its coded error and the connection keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PulledEvent } from "@okada/sync-rules";
import {
  login,
  startTestServer,
  waitFor,
  type TestServer,
} from "@okada/test-tools";
import { connect, type TestClient } from "./test-client.ts";

let ts: TestServer;
let token: string;
const open: TestClient[] = [];

beforeAll(async () => {
  ts = await startTestServer({ seed: true });
  token = await login(ts.url, "customer");
});

afterAll(async () => {
  for (const client of open) client.close();
  await ts.close();
});

async function connectWith(pull: unknown): Promise<TestClient> {
  const client = await connect(ts.url, { token, pull });
  open.push(client);
  return client;
}

async function firstPulled(client: TestClient): Promise<PulledEvent> {
  await waitFor(() => client.pulled.length > 0, "a pulled event", 10_000);
  return client.pulled[0] as PulledEvent;
}

const catalog = {
  v: 1,
  checkpoints: { stores: null, products: null },
  limit: 50,
};

describe("a pull in the handshake", () => {
  it("is answered once, as the same pull request is", async () => {
    const client = await connectWith(catalog);
    const early = await firstPulled(client);
    const asked = await client.pull(catalog);
    expect(early).toEqual(asked);
    expect(early).toMatchObject({
      ok: true,
      collections: {
        stores: { more: false },
        products: { more: true },
      },
    });
    if (!early.ok) throw new Error("refused");
    expect(early.collections.products?.documents).toHaveLength(50);
    expect(client.pulled).toHaveLength(1);
  });

  it("works over long polling too", async () => {
    const client = await connect(ts.url, {
      token,
      pull: catalog,
      transports: ["polling"],
    });
    open.push(client);
    await expect(firstPulled(client)).resolves.toMatchObject({ ok: true });
  });

  it("is optional: no pull, no pulled event", async () => {
    const client = await connect(ts.url, { token });
    open.push(client);
    await expect(client.pull(catalog)).resolves.toMatchObject({ ok: true });
    expect(client.pulled).toEqual([]);
  });

  const bad = [
    { name: "a string", pull: "all", code: "BAD_REQUEST" },
    {
      name: "another version",
      pull: { ...catalog, v: 2 },
      code: "BAD_REQUEST",
    },
    {
      name: "a zero limit",
      pull: { ...catalog, limit: 0 },
      code: "BAD_REQUEST",
    },
    {
      name: "an unknown collection",
      pull: { v: 1, checkpoints: { wallets: null }, limit: 5 },
      code: "UNKNOWN_COLLECTION",
    },
    {
      name: "a forged checkpoint",
      pull: { v: 1, checkpoints: { stores: { seq: 42 } }, limit: 5 },
      code: "INVALID_CHECKPOINT",
    },
  ];
  it.each(bad)(
    "that is $name is refused with $code; the socket keeps serving",
    async ({ pull, code }) => {
      const client = await connectWith(pull);
      await expect(firstPulled(client)).resolves.toMatchObject({
        ok: false,
        error: { code, message: expect.any(String) },
      });
      await expect(client.pull(catalog)).resolves.toMatchObject({ ok: true });
      expect(client.socket.connected).toBe(true);
    },
  );
});
