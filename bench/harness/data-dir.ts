/**
 * Seeded data folders. The demo catalog is seeded once per bench run
 * into a template folder; every scenario and approach then starts its
 * own server on a fresh copy, so each side begins from byte-identical
 * data and no run sees another's writes.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestServer } from "@okada/test-tools";

export interface DataTemplate {
  /** A new folder holding a copy of the seeded data. */
  copy(): Promise<string>;
  /** Removes the template and every copy made from it. */
  remove(): Promise<void>;
}

/**
 * Seeds the demo data (10 stores, 2,000 products and stock, 12 riders,
 * the demo accounts) with the server's own seeding code.
 */
export async function seedTemplate(): Promise<DataTemplate> {
  const root = await mkdtemp(join(tmpdir(), "okada-bench-"));
  const template = join(root, "template");
  const server = await startTestServer({ seed: true, dataDir: template });
  await server.close();
  let copies = 0;
  return {
    async copy() {
      copies += 1;
      const dir = join(root, `run-${copies}`);
      await cp(template, dir, { recursive: true });
      return dir;
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
