/**
 * Always on screen: connected or not, how many changes wait in the
 * outbox, when the last exchange with the server happened, and a way to
 * sign in again when the session expired.
 */
import { h, type JSX } from "preact";
import { useState } from "preact/hooks";
import { ago } from "../i18n/format.ts";
import { t, tn } from "../i18n/lang.ts";
import type { MessageKey } from "../i18n/messages.ts";
import { LoginForm } from "../login-screen.ts";
import { sessionExpired } from "../session/session.ts";
import { useObservable } from "../ui/use-observable.ts";
import { useNow } from "../ui/use-now.ts";
import { useStore } from "../ui/store.ts";
import { useWorkspace } from "./context.ts";

const PHASE_KEYS = {
  offline: "sync.offline",
  connecting: "sync.connecting",
  syncing: "sync.syncing",
  idle: "sync.online",
} as const satisfies Record<string, MessageKey>;

export function SyncBar(): JSX.Element {
  const { sync, user, lastSync } = useWorkspace();
  const status = useObservable(() => sync.status$, sync.status, [sync]);
  const last = useStore(lastSync);
  const expired = useStore(sessionExpired);
  const [renewing, setRenewing] = useState(false);
  const now = useNow();
  const pending = status.pendingTotal;
  return h(
    "div",
    {
      class: `sync-bar phase-${status.phase}`,
      role: "status",
      "data-testid": "sync-bar",
      "data-phase": status.phase,
      "data-online": String(status.online),
      "data-pending": String(pending),
      title: status.lastError?.message,
    },
    h(
      "span",
      { class: "sync-state", "data-testid": "sync-state" },
      h("i", { class: "dot", "aria-hidden": "true" }),
      t(PHASE_KEYS[status.phase]),
    ),
    h(
      "span",
      { class: "sync-pending", "data-testid": "sync-pending" },
      pending === 0 ? t("sync.allSaved") : tn("sync.pending", pending),
    ),
    h(
      "span",
      { class: "sync-last", "data-testid": "sync-last" },
      last === null
        ? t("sync.never")
        : t("sync.last", { when: ago(last, now) }),
    ),
    expired
      ? h(
          "div",
          { class: "sync-expired" },
          h("span", null, t("sync.expired")),
          renewing
            ? h(LoginForm, {
                username: user.id,
                onDone: () => setRenewing(false),
              })
            : h(
                "button",
                { type: "button", onClick: () => setRenewing(true) },
                t("sync.renew"),
              ),
        )
      : null,
  );
}
