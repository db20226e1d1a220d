/**
 * The fan-out server: a real Okada server (embedded store, socket.io)
 * in a child process of its own, answering the bench over IPC (ipc.ts).
 * Started by `fanout/server-child.ts`; not meant to be run by hand.
 */
import { createLogger, startServer } from "@okada/server";
import { BenchError } from "../harness/errors.ts";
import { SERVER_ENV, type FromServer, type ToServer } from "./ipc.ts";

function send(message: FromServer): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const dataDir = process.env[SERVER_ENV.dataDir];
  const jwtSecret = process.env[SERVER_ENV.secret];
  if (!dataDir || !jwtSecret || !process.send) {
    throw new BenchError(
      "SETUP",
      "Start this file through fanout/server-child.ts.",
    );
  }
  const server = await startServer(
    {
      port: 0,
      host: "127.0.0.1",
      dbPrefix: "okada_",
      dataDir,
      jwtSecret,
      logLevel: "silent",
      seedDemoData: false,
    },
    { logger: createLogger("silent") },
  );
  let cpu = process.cpuUsage();
  let wall = performance.now();
  process.on("message", (message: ToServer) => {
    switch (message.type) {
      case "mark":
        cpu = process.cpuUsage();
        wall = performance.now();
        break;
      case "usage": {
        const used = process.cpuUsage(cpu);
        const memory = process.memoryUsage();
        send({
          type: "usage",
          usage: {
            cpuMs: (used.user + used.system) / 1000,
            wallMs: performance.now() - wall,
            rssBytes: memory.rss,
            heapUsedBytes: memory.heapUsed,
          },
        });
        break;
      }
      case "stop":
        void server.close().finally(() => process.exit(0));
        break;
    }
  });
  send({ type: "ready", url: server.url });
}

main().catch((error: unknown) => {
  send({ type: "failed", message: String(error) });
  process.exit(1);
});
