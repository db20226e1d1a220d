/**
 * SDK clients in Node against a real server over socket.io, through the
 * fault-injecting link proxy: initial sync, offline writes, status at
 * each step, dead links, expired tokens, refused writes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  login,
  startLinkProxy,
  startTestServer,
  waitFor,
  type LinkProxy,
  type TestServer,
} from "@okada/test-tools";
import {
  expiringCopy,
  newOrder,
  openTestClient,
  settled,
  type TestClient,
} from "./e2e-support.ts";

let server: TestServer;
let link: LinkProxy;
const clients: TestClient[] = [];

async function open(
  name: string,
  username: string,
  extra: Partial<Parameters<typeof openTestClient>[0]> = {},
): Promise<TestClient> {
  const client = await openTestClient({
    link,
    serverUrl: server.url,
    username,
    name,
    ...extra,
  });
  clients.push(client);
  return client;
}

async function closeClient(client: TestClient): Promise<void> {
  clients.splice(clients.indexOf(client), 1);
  await client.db.close();
  expect(client.contradictions).toEqual([]);
}

beforeAll(async () => {
  server = await startTestServer({ seed: true, pollTimeoutMs: 2000 });
  link = await startLinkProxy({
    target: { host: "127.0.0.1", port: server.server.port },
    profile: null,
  });
});

afterAll(async () => {
  for (const client of clients) {
    await client.db.close();
    expect(client.contradictions).toEqual([]);
  }
  await link.close();
  await server.close();
});

describe("socket sync end to end", () => {
  let customer: TestClient;
  let staff: TestClient;

  beforeAll(async () => {
    [customer, staff] = await Promise.all([
      open("e2e-customer", "customer"),
      open("e2e-staff", "staff"),
    ]);
    await Promise.all([settled(customer), settled(staff)]);
  });

  it("pulls what each user may see and reports idle with nothing pending", async () => {
    // The customer sees Douala's catalogue; staff see their store's riders.
    expect(await customer.db.stores.count().exec()).toBe(6);
    expect(await customer.db.products.count().exec()).toBe(1200);
    expect(await customer.db.stock.count().exec()).toBe(1200);
    expect(await staff.db.riders.count().exec()).toBe(6);
    expect(customer.sync.status).toMatchObject({
      online: true,
      phase: "idle",
      pendingTotal: 0,
      tab: "leader",
    });
    expect(customer.sync.status.lastSyncedAt).not.toBeNull();
  });

  it("coalesces the collections' pulls into one message per page", async () => {
    // A link of its own, so that other clients' heartbeats do not count.
    const own = await startLinkProxy({
      target: { host: "127.0.0.1", port: server.server.port },
      profile: null,
    });
    // RxDB's open-source edition allows 13 open collections per process:
    // the two clients above hold ten.
    const fresh = await open("e2e-coalesce", "customer", {
      link: own,
      options: {
        heartbeatIntervalMs: 60_000,
        collections: ["stores", "products", "stock"],
      },
    });
    await settled(fresh);
    const { wsMessagesUp } = own.stats();
    await closeClient(fresh);
    await own.close();
    // 12 full pages of products and of stock, then an empty one each,
    // and one pull of stores: 27 messages if each collection asked
    // alone. Together: 13 pulls and socket.io's connect packet.
    expect(wsMessagesUp).toBeLessThanOrEqual(14);
  });

  it("stores writes made offline, reports them pending, pushes them on reconnect", async () => {
    const seen: string[] = [];
    // Connecting counts as offline here: which of the two the loop is
    // in while blackholed depends on timing.
    const subscription = customer.sync.status$.subscribe((s) => {
      const phase = s.phase === "connecting" ? "offline" : s.phase;
      const line = `${s.online ? "online" : "offline"} ${phase} ${s.pendingTotal}`;
      if (seen.at(-1) !== line) seen.push(line);
    });
    link.blackhole(true);
    await waitFor(
      () => customer.sync.status.online === false,
      "the blackholed link to be noticed",
      5_000,
    );
    const orders = [newOrder("customer"), newOrder("customer")];
    for (const order of orders) await customer.db.orders.insert(order);
    await waitFor(
      () => customer.sync.status.pendingWrites.orders === 2,
      "two pending orders",
    );
    expect(customer.sync.status.phase).not.toBe("idle");
    link.blackhole(false);
    await settled(customer, "the customer after the link came back");
    expect(customer.sync.status.pendingTotal).toBe(0);
    const stored = await server.server.store
      .collection("orders")
      .getMany(orders.map((o) => o.id));
    expect(stored.size).toBe(2);
    await waitFor(
      async () =>
        (await staff.db.orders.findByIds(orders.map((o) => o.id)).exec())
          .size === 2,
      "staff to see both orders",
    );
    subscription.unsubscribe();
    // The status told the truth at each step: idle, then offline with
    // nothing pending, then offline with one and two orders pending,
    // then syncing them, then idle with nothing pending.
    expect(seen[0]).toBe("online idle 0");
    expect(seen).toEqual(
      expect.arrayContaining([
        "offline offline 0",
        "offline offline 1",
        "offline offline 2",
        "online syncing 2",
      ]),
    );
    expect(seen.at(-1)).toBe("online idle 0");
    const order = (line: string) => seen.indexOf(line);
    expect(order("offline offline 1")).toBeLessThan(order("offline offline 2"));
    expect(order("offline offline 2")).toBeLessThan(order("online syncing 2"));
  });

  it("survives dropped connections and reports the error it saw", async () => {
    link.dropAll();
    await waitFor(
      () => customer.sync.status.lastError?.code === "LINK_LOST",
      "the drop to show as lastError",
      5_000,
    );
    const order = newOrder("customer");
    await customer.db.orders.insert(order);
    await settled(customer);
    const stored = await server.server.store
      .collection("orders")
      .getMany([order.id]);
    expect(stored.size).toBe(1);
  });

  it("backs off while the server is down and pushes once it is back", async () => {
    await server.server.close();
    const attempts: number[] = [];
    const subscription = customer.sync.status$.subscribe((s) => {
      if (s.phase === "connecting") attempts.push(Date.now());
    });
    const order = newOrder("customer");
    try {
      await customer.db.orders.insert(order);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(customer.sync.status).toMatchObject({
        online: false,
        pendingTotal: 1,
      });
      expect(customer.sync.status.retryAt ?? Infinity).toBeLessThan(
        Date.now() + 1_001,
      );
    } finally {
      subscription.unsubscribe();
      await server.restart();
    }
    // A 100 ms base and a 1 s cap: a handful of attempts in two seconds,
    // each waiting longer, not a tight loop.
    expect(attempts.length).toBeGreaterThan(2);
    expect(attempts.length).toBeLessThan(15);
    await settled(customer, "the customer after the restart", 20_000);
    const stored = await server.server.store
      .collection("orders")
      .getMany([order.id]);
    expect(stored.size).toBe(1);
  });

  it("asks getToken again when the session expires, losing nothing", async () => {
    const fresh = () => login(server.url, "customer");
    let first = true;
    const client = await open("e2e-token", "customer", {
      options: { collections: ["orders"] },
      getToken: async () => {
        if (!first) return fresh();
        first = false;
        return expiringCopy(await fresh(), 2);
      },
    });
    await settled(client);
    expect(client.tokens.count).toBe(1);
    // The server ends the session when the token expires; a write made
    // around then must still arrive, over a session with a fresh token.
    await waitFor(
      () => client.sync.status.lastError?.code === "TOKEN_EXPIRED",
      "the session to expire",
      5_000,
    );
    const order = newOrder("customer");
    await client.db.orders.insert(order);
    await settled(client);
    expect(client.tokens.count).toBe(2);
    const stored = await server.server.store
      .collection("orders")
      .getMany([order.id]);
    expect(stored.size).toBe(1);
    await closeClient(client);
  });

  it("refreshes once, then backs off, when the server refuses the token", async () => {
    let calls = 0;
    const client = await open("e2e-forged", "customer", {
      options: { collections: ["orders"] },
      getToken: async () => {
        calls++;
        const token = await login(server.url, "customer");
        return calls <= 2 ? forged(token) : token;
      },
    });
    await settled(client);
    expect(calls).toBe(3);
    expect(client.sync.status.lastError?.code).toBe("UNAUTHENTICATED");
    await closeClient(client);
  });

  it("turns a refused write into a rejected-write event and reverts the local copy", async () => {
    const own = await startLinkProxy({
      target: { host: "127.0.0.1", port: server.server.port },
      profile: null,
    });
    const client = await open("e2e-refused", "customer", {
      link: own,
      options: { collections: ["products"], heartbeatIntervalMs: 60_000 },
    });
    await settled(client);
    const rejected: string[] = [];
    client.sync.rejected$.subscribe((r) =>
      rejected.push(`${r.collection}/${r.id} ${r.code}`),
    );
    const product = await client.db.products.findOne("p_dla_akwa_0003").exec();
    if (!product) throw new Error("the customer should see p_dla_akwa_0003");
    const price = product.priceXaf;
    await product.incrementalPatch({ priceXaf: 1 });
    await waitFor(() => rejected.length > 0, "the rejection");
    await settled(client);
    expect(rejected).toEqual(["products/p_dla_akwa_0003 FORBIDDEN"]);
    expect(client.sync.status.rejectedWrites).toEqual([
      expect.objectContaining({ id: "p_dla_akwa_0003", code: "FORBIDDEN" }),
    ]);
    const local = await client.db.products.findOne("p_dla_akwa_0003").exec();
    expect(local?.priceXaf).toBe(price);
    // Refused once, not retried: nothing more goes out.
    const sent = own.stats().wsMessagesUp;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(client.sync.status.pendingTotal).toBe(0);
    expect(own.stats().wsMessagesUp).toBe(sent);
    await closeClient(client);
    await own.close();
  });
});

describe("the GraphQL transport option", () => {
  it("syncs over /graphql and reports the same status", async () => {
    const client = await openTestClient({
      link,
      serverUrl: server.url,
      username: "customer",
      name: "e2e-graphql",
      options: { transport: "graphql", collections: ["orders"] },
    });
    clients.push(client);
    await settled(client);
    const order = newOrder("customer");
    await client.db.orders.insert(order);
    await settled(client);
    expect(client.sync.status).toMatchObject({
      online: true,
      phase: "idle",
      pendingTotal: 0,
    });
    const stored = await server.server.store
      .collection("orders")
      .getMany([order.id]);
    expect(stored.size).toBe(1);
    await closeClient(client);
  });
});

/** The same token with its signature broken: the server refuses it. */
function forged(token: string): string {
  return `${token.slice(0, -6)}AAAAAA`;
}
