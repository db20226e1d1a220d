/**
 * Helpers for the SDK's end-to-end tests: clients on fake-indexeddb
 * behind a link proxy, against a real server started in process.
 */
import { createHmac } from "node:crypto";
import { IDBFactory } from "fake-indexeddb";
import { newOrderId, type OrderDoc } from "@okada/sync-rules";
import { login, waitFor, type LinkProxy } from "@okada/test-tools";
import { createOkadaClient, type OkadaClient } from "./client.ts";
import type { OkadaClientOptions } from "./options.ts";
import { contradiction } from "./status-invariants.ts";
import { nodeStorage } from "./node-storage.ts";

export interface TestClient extends OkadaClient {
  readonly idb: IDBFactory;
  readonly name: string;
  readonly tokens: { count: number };
  /** Every status emitted that contradicts itself (should stay empty). */
  readonly contradictions: string[];
}

export interface OpenOptions {
  readonly link: LinkProxy;
  readonly serverUrl: string;
  readonly username: string;
  readonly name: string;
  /** Reuse the storage of a client that was closed or killed. */
  readonly idb?: IDBFactory;
  /** Override how tokens are made (e.g. expired ones first). */
  readonly getToken?: () => Promise<string>;
  readonly options?: Partial<OkadaClientOptions>;
}

export async function openTestClient(open: OpenOptions): Promise<TestClient> {
  const idb = open.idb ?? new IDBFactory();
  const tokens = { count: 0 };
  const getToken =
    open.getToken ?? (() => login(open.serverUrl, open.username));
  const client = await createOkadaClient({
    url: open.link.url(),
    name: open.name,
    storage: nodeStorage(idb),
    multiInstance: false,
    getToken: () => {
      tokens.count++;
      return getToken();
    },
    heartbeatIntervalMs: 500,
    requestTimeoutMs: 5_000,
    connectTimeoutMs: 3_000,
    backoff: { baseMs: 100, capMs: 1_000 },
    ...open.options,
  });
  const contradictions: string[] = [];
  client.sync.status$.subscribe((status) => {
    const problem = contradiction(status);
    if (problem) contradictions.push(`${problem}: ${JSON.stringify(status)}`);
  });
  return { ...client, idb, name: open.name, tokens, contradictions };
}

/** Waits until the client reports `idle` with an empty outbox. */
export async function settled(
  client: OkadaClient,
  what = "the client to settle",
  timeoutMs = 15_000,
): Promise<void> {
  await waitFor(
    () => client.sync.status.phase === "idle",
    `${what} (status ${JSON.stringify(client.sync.status)})`,
    timeoutMs,
  );
}

export function newOrder(
  customerId: string,
  storeId = "st_dla_akwa",
  random: () => number = Math.random,
): OrderDoc {
  const now = new Date().toISOString();
  return {
    id: newOrderId(Date.now(), random),
    customerId,
    storeId,
    items: [{ productId: "p_dla_akwa_0003", qty: 2, unitPriceXaf: 450 }],
    totalXaf: 900,
    deliveryAddress: { text: "Rue Joss, Akwa", city: "Douala" },
    payment: { method: "mtn_momo", status: "pending" },
    status: "pending",
    statusHistory: [{ status: "pending", at: now, by: customerId }],
    createdAt: now,
    updatedAt: now,
  };
}

/** The secret `startTestServer` signs tokens with. */
const TEST_JWT_SECRET = "test-secret-not-for-production";

/**
 * `token` re-signed to expire `seconds` from now (HS256, like the
 * server's), so a test can watch a session run out.
 */
export function expiringCopy(token: string, seconds: number): string {
  const [, payload] = token.split(".");
  const claims = JSON.parse(
    Buffer.from(payload ?? "", "base64url").toString("utf8"),
  ) as Record<string, unknown>;
  claims["exp"] = Math.floor(Date.now() / 1000) + seconds;
  const encode = (value: unknown): string =>
    Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "HS256" })}.${encode(claims)}`;
  const signature = createHmac("sha256", TEST_JWT_SECRET)
    .update(unsigned)
    .digest("base64url");
  return `${unsigned}.${signature}`;
}
