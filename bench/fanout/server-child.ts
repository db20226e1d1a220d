/**
 * Starts the fan-out server (server-process.ts) in a child process and
 * talks to it over IPC.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BenchError } from "../harness/errors.ts";
import {
  SERVER_ENV,
  type FromServer,
  type ServerUsage,
  type ToServer,
} from "./ipc.ts";

export interface ServerChild {
  readonly url: string;
  readonly pid: number;
  /** Starts counting CPU time from now. */
  mark(): void;
  usage(): Promise<ServerUsage>;
  stop(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL("./server-process.ts", import.meta.url));

function next(child: ChildProcess, type: FromServer["type"]) {
  return new Promise<FromServer>((resolve, reject) => {
    const onMessage = (message: FromServer) => {
      if (message.type !== type && message.type !== "failed") return;
      cleanup();
      if (message.type === "failed") {
        reject(new BenchError("SERVER_PROCESS", message.message));
      } else resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(
        new BenchError("SERVER_PROCESS", `server exited with code ${code}`),
      );
    };
    const cleanup = () => {
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

export async function startServerChild(
  dataDir: string,
  jwtSecret: string,
): Promise<ServerChild> {
  const child = fork(ENTRY, [], {
    execArgv: ["--import", "tsx"],
    env: {
      ...process.env,
      [SERVER_ENV.dataDir]: dataDir,
      [SERVER_ENV.secret]: jwtSecret,
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await next(child, "ready");
  if (ready.type !== "ready" || child.pid === undefined) {
    throw new BenchError("SERVER_PROCESS", "the server did not start");
  }
  const tell = (message: ToServer) => child.send(message);
  return {
    url: ready.url,
    pid: child.pid,
    mark: () => tell({ type: "mark" }),
    async usage() {
      const reply = next(child, "usage");
      tell({ type: "usage" });
      const message = await reply;
      if (message.type !== "usage") {
        throw new BenchError("SERVER_PROCESS", "no usage report");
      }
      return message.usage;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      tell({ type: "stop" });
      await exited;
    },
  };
}
