/**
 * Invariant 1 under a real crash: every write the server acknowledged is
 * there after the process is killed with SIGKILL and started again.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { graphqlQueryBuilders, newOrderId } from "@okada/sync-rules";
import { graphql, login, requestJson, waitFor } from "@okada/test-tools";

const root = join(import.meta.dirname, "..", "..");
let child: ChildProcess | undefined;
let dataDir = "";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

async function startProcess(port: number): Promise<string> {
  child = spawn(
    process.execPath,
    ["--import", "tsx", join(root, "server/src/main.ts")],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        JWT_SECRET: "crash-test-secret",
      },
      stdio: "ignore",
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      try {
        return (await requestJson(`${url}/v1/readyz`)).status === 200;
      } catch {
        return false;
      }
    },
    "the server process to be ready",
    45_000,
  );
  return url;
}

function order(i: number): Record<string, unknown> {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
  return {
    id: newOrderId(),
    customerId: "customer",
    storeId: "st_dla_akwa",
    items: [{ productId: "p_dla_akwa_0003", qty: 1, unitPriceXaf: 450 }],
    totalXaf: 450,
    deliveryAddress: { text: `Carrefour ${i}`, city: "Douala" },
    payment: { method: "cash", status: "pending" },
    status: "pending",
    statusHistory: [{ status: "pending", at, by: "customer" }],
    createdAt: at,
    updatedAt: at,
    _deleted: false,
  };
}

afterAll(async () => {
  child?.kill("SIGKILL");
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("a crashed server", () => {
  it("keeps every acknowledged write after SIGKILL", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "okada-crash-"));
    const port = await freePort();
    let url = await startProcess(port);
    const token = await login(url, "customer");
    const push = graphqlQueryBuilders("orders").pushQueryBuilder;
    const acknowledged: string[] = [];
    for (let i = 0; i < 30; i++) {
      const doc = order(i);
      const req = push([{ newDocumentState: doc }]);
      const res = await graphql(
        `${url}/graphql`,
        token,
        req.query,
        req.variables,
      );
      if (res.status === 200) acknowledged.push(String(doc["id"]));
    }
    expect(acknowledged).toHaveLength(30);
    child?.kill("SIGKILL");
    await new Promise((resolve) => child?.once("exit", resolve));

    url = await startProcess(port);
    const again = await login(url, "customer");
    // Order intake may be rewriting these orders while we read: a
    // document changed during a page moves to a later sequence, so read
    // until a page comes back empty, as a syncing client does.
    const ids = new Set<string>();
    let checkpoint: unknown = null;
    for (let page = 0; page < 20; page++) {
      const pull = graphqlQueryBuilders("orders").pullQueryBuilder(
        checkpoint as null,
        1000,
      );
      const res = await graphql(
        `${url}/graphql`,
        again,
        pull.query,
        pull.variables,
      );
      const body = res.body as {
        data: {
          pullOrders: { documents: { id: string }[]; checkpoint: unknown };
        };
      };
      const { documents } = body.data.pullOrders;
      for (const doc of documents) ids.add(doc.id);
      checkpoint = body.data.pullOrders.checkpoint;
      if (documents.length === 0) break;
    }
    for (const id of acknowledged) expect(ids.has(id)).toBe(true);
  }, 120_000);
});
