/**
 * Acknowledgements: every request with an ack function gets exactly one
 * reply, `{ ok: true, ... }` or `{ ok: false, error }`, whatever happens
 * while handling it.
 */
import type { Logger } from "pino";
import type { ErrorReply, OkadaError } from "@okada/sync-rules";
import { toOkadaError } from "../http/errors.ts";
import type { Handled } from "./requests.ts";

export type Ack<Reply> = (reply: Reply | ErrorReply) => void;

export interface Request<Reply> {
  payload: unknown;
  /** Undefined when the client emitted without waiting for a reply. */
  ack: Ack<Reply> | undefined;
}

/**
 * Splits an event's arguments: socket.io passes the ack function last,
 * and only when the client asked for one.
 */
export function takeRequest<Reply>(args: readonly unknown[]): Request<Reply> {
  const last = args.at(-1);
  if (typeof last !== "function") return { payload: args[0], ack: undefined };
  const payload = args.length > 1 ? args[0] : undefined;
  let sent = false;
  const ack: Ack<Reply> = (reply) => {
    if (sent) return;
    sent = true;
    (last as Ack<Reply>)(reply);
  };
  return { payload, ack };
}

export function errorReply(error: OkadaError): ErrorReply {
  return { ok: false, error: { code: error.code, message: error.message } };
}

/**
 * Runs `work` and acknowledges its outcome. Never rejects: a failure of
 * the handler or of the ack itself is logged, not thrown at socket.io.
 * Returns the error the client was told about, if any.
 */
export async function answer<Reply>(
  ack: Ack<Reply>,
  log: Logger,
  work: () => Promise<Handled<Reply>>,
): Promise<OkadaError | undefined> {
  const started = performance.now();
  const ms = () => Math.round((performance.now() - started) * 10) / 10;
  let reply: Reply | ErrorReply;
  let failure: OkadaError | undefined;
  try {
    const handled = await work();
    reply = handled.reply;
    log.info({ ...handled.stats, ms: ms() }, "socket request");
  } catch (error) {
    failure = toOkadaError(error);
    reply = errorReply(failure);
    if (failure.code === "INTERNAL") {
      log.error({ err: error, ms: ms() }, "socket request failed");
    } else {
      log.info({ code: failure.code, ms: ms() }, "socket request refused");
    }
  }
  try {
    ack(reply);
  } catch (error) {
    log.error({ err: error }, "socket ack failed");
  }
  return failure;
}
