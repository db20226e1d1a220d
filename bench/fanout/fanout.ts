/**
 * `fan-out`: 1,000 live socket.io clients on one server instance (in a
 * child process); a staff tablet changes order statuses at a fixed rate;
 * each change should reach the order's customer, its rider (once
 * assigned) and the store's watching staff tablets. Measures the delay
 * from the tablet's push to each of those clients, and the server's CPU
 * and memory over the change phase.
 */
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Socket } from "socket.io-client";
import {
  SOCKET_PROTOCOL_VERSION,
  type OrderDoc,
  type ProductDoc,
  type PullReply,
  type ErrorReply,
} from "@okada/sync-rules";
import type { DataTemplate } from "../harness/data-dir.ts";
import { BenchError } from "../harness/errors.ts";
import { waitUntil } from "../harness/wait.ts";
import type { FanoutMetrics } from "../report/model.ts";
import { percentile } from "../report/stats.ts";
import { pendingOrder, seededRandom } from "../scenarios/orders.ts";
import {
  closeListeners,
  connectListeners,
  connectSocket,
  seenKey,
  type Listener,
} from "./listeners.ts";
import { startServerChild } from "./server-child.ts";
import { runTablet, type SentChange } from "./tablet.ts";
import { population, signToken, type FanoutUser } from "./users.ts";

export interface FanoutOptions {
  template: DataTemplate;
  clients: number;
  perSecond: number;
  seconds: number;
  /** Progress lines. */
  log: (line: string) => void;
}

const STORE_ID = "st_dla_akwa";
const CITY = "Douala";
const WATCHING_STAFF = 10;
const RIDERS = 40;
/** How long after the last push a missing delivery may still arrive. */
const GRACE_MS = 10_000;

async function storeProducts(socket: Socket): Promise<ProductDoc[]> {
  const reply = (await socket.timeout(30_000).emitWithAck("pull", {
    v: SOCKET_PROTOCOL_VERSION,
    checkpoints: { products: null },
    limit: 1000,
  })) as PullReply | ErrorReply;
  if (!reply.ok) throw new BenchError("SETUP", reply.error.message);
  const docs = reply.collections.products?.documents ?? [];
  return docs
    .map((doc) => doc as unknown as ProductDoc)
    .filter((p) => p.storeId === STORE_ID);
}

async function placeOrders(
  socket: Socket,
  customers: readonly FanoutUser[],
): Promise<OrderDoc[]> {
  const products = await storeProducts(socket);
  const random = seededRandom(1000);
  const start = Date.now() - 3_600_000;
  const orders = customers.map((customer, i) =>
    pendingOrder({
      customerId: customer.id,
      storeId: STORE_ID,
      products,
      itemCount: 3 + (i % 4),
      createdAt: start + i * 1_000,
      random,
    }),
  );
  for (let i = 0; i < orders.length; i += 100) {
    const rows = orders
      .slice(i, i + 100)
      .map((o) => ({ newDocumentState: { ...o, _deleted: false } }));
    const reply = (await socket.timeout(30_000).emitWithAck("push", {
      v: SOCKET_PROTOCOL_VERSION,
      rows: { orders: rows },
    })) as { ok: boolean };
    if (!reply.ok) throw new BenchError("SETUP", "placing orders failed");
  }
  return orders;
}

/** Who should get `change`: its customer, its rider, the store's staff. */
function recipients(
  change: SentChange,
  byUser: ReadonlyMap<string, Listener>,
  staff: readonly Listener[],
): Listener[] {
  const found = [...staff];
  const customer = byUser.get(change.customerId);
  if (customer) found.push(customer);
  const rider = change.riderId && byUser.get(`bench_${change.riderId}`);
  if (rider) found.push(rider);
  return found;
}

export async function runFanout(
  options: FanoutOptions,
): Promise<FanoutMetrics> {
  const { clients, perSecond, seconds, log } = options;
  const changes = Math.round(perSecond * seconds);
  const people = population({
    clients,
    staff: WATCHING_STAFF,
    riders: RIDERS,
    storeId: STORE_ID,
    city: CITY,
  });
  const customers = people.listeners.filter((u) => u.role === "customer");
  if (customers.length === 0) {
    throw new BenchError(
      "BAD_FLAG",
      `--fanout-clients must exceed ${WATCHING_STAFF + RIDERS} (the ` +
        "watching staff and riders) so that customers connect too.",
    );
  }
  const orderCount = Math.min(
    customers.length,
    Math.max(200, Math.ceil(changes / 3)),
  );
  if (orderCount * 3 < changes) {
    throw new BenchError(
      "BAD_FLAG",
      `${changes} changes need ${Math.ceil(changes / 3)} orders but only ` +
        `${customers.length} customers connect; shorten --fanout-seconds.`,
    );
  }
  const secret = randomBytes(32).toString("hex");
  const dataDir = await options.template.copy();
  const server = await startServerChild(dataDir, secret);
  const sockets: Socket[] = [];
  let listeners: Listener[] = [];
  try {
    const admin = { id: "bench_admin", role: "admin" } as const;
    const adminSocket = await connectSocket(
      server.url,
      await signToken(admin, secret),
    );
    sockets.push(adminSocket);
    const orders = await placeOrders(
      adminSocket,
      customers.slice(0, orderCount),
    );
    log(`fan-out: ${orders.length} orders placed; connecting ${clients}`);
    const tokens = await Promise.all(
      people.listeners.map((u) => signToken(u, secret)),
    );
    listeners = await connectListeners(server.url, tokens);
    const tablet = await connectSocket(
      server.url,
      await signToken(people.tablet, secret),
    );
    sockets.push(tablet);
    const byUser = new Map(
      people.listeners.map((u, i) => [u.id, listeners[i]] as const),
    );
    const staff = listeners.slice(0, WATCHING_STAFF);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    log(`fan-out: ${listeners.length} connected; ${changes} changes`);

    server.mark();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = performance.now();
    const run = await runTablet({
      socket: tablet,
      tabletId: people.tablet.id,
      orders,
      riderIds: people.listeners.flatMap((u) => u.riderId ?? []),
      changes,
      perSecond,
    });
    if (run.failures.length > 0) {
      throw new BenchError(
        "SETUP",
        `${run.failures.length} pushes failed, first: ${run.failures[0]}`,
      );
    }
    const expected = run.sent.map((c) => ({
      change: c,
      to: recipients(c, byUser, staff),
    }));
    const allArrived = () =>
      expected.every(({ change, to }) =>
        to.every((l) => l.seen.has(seenKey(change.orderId, change.status))),
      );
    await waitUntil(allArrived, "every delivery", {
      timeoutMs: GRACE_MS,
    }).catch(() => undefined);
    const usage = await server.usage();
    loop.disable();
    const elapsed = (performance.now() - started) / 1000;

    const delays: number[] = [];
    let expectedDeliveries = 0;
    for (const { change, to } of expected) {
      expectedDeliveries += to.length;
      for (const listener of to) {
        const at = listener.seen.get(seenKey(change.orderId, change.status));
        if (at !== undefined) delays.push(at - change.sentAt);
      }
    }
    const disconnects = listeners.reduce((n, l) => n + l.disconnects, 0);
    if (disconnects > 0) log(`fan-out: ${disconnects} disconnects`);
    return {
      clients: listeners.length,
      changes: run.sent.length,
      expectedDeliveries,
      deliveries: delays.length,
      p50Ms: percentile(delays, 50),
      p99Ms: percentile(delays, 99),
      maxMs: percentile(delays, 100),
      ackP99Ms: percentile(
        run.sent.map((c) => c.ackedAt - c.sentAt),
        99,
      ),
      serverCpuPercent: (usage.cpuMs / usage.wallMs) * 100,
      serverRssMiB: usage.rssBytes / 2 ** 20,
      serverHeapMiB: usage.heapUsedBytes / 2 ** 20,
      benchLoopP99Ms: loop.percentile(99) / 1e6,
      seconds: elapsed,
    };
  } finally {
    closeListeners(listeners);
    for (const socket of sockets) socket.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
