/**
 * The signed-in app: opens the user's local database and sync, then
 * shows the header, the sync bar, the notices and the screens of the
 * user's role. Everything below reads and writes the local database
 * only; sync runs beside it.
 */
import { h, type JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { AdminScreens } from "../admin/admin-screens.ts";
import { CustomerScreens } from "../customer/customer-screens.ts";
import { t } from "../i18n/lang.ts";
import type { SessionUser } from "../session/session.ts";
import { RiderScreens } from "../rider/rider-screens.ts";
import { StaffScreens } from "../staff/staff-screens.ts";
import { WorkspaceContext } from "./context.ts";
import { Header } from "./header.ts";
import { NoticeList } from "./notice-list.ts";
import { openWorkspace, type OpenWorkspace } from "./open.ts";
import { SyncBar } from "./sync-bar.ts";

type State =
  | { phase: "opening" }
  | { phase: "open"; workspace: OpenWorkspace }
  | { phase: "failed"; message: string };

function RoleScreens({ role }: { role: SessionUser["role"] }): JSX.Element {
  switch (role) {
    case "customer":
      return h(CustomerScreens, {});
    case "rider":
      return h(RiderScreens, {});
    case "staff":
      return h(StaffScreens, {});
    case "admin":
      return h(AdminScreens, {});
  }
}

export function Workspace({ user }: { user: SessionUser }): JSX.Element {
  const [state, setState] = useState<State>({ phase: "opening" });
  useEffect(() => {
    let unmounted = false;
    let opened: OpenWorkspace | null = null;
    openWorkspace(user).then(
      (workspace) => {
        opened = workspace;
        if (unmounted) void workspace.close();
        else setState({ phase: "open", workspace });
      },
      (error: unknown) => setState({ phase: "failed", message: String(error) }),
    );
    return () => {
      unmounted = true;
      void opened?.close();
    };
  }, [user.id]);

  if (state.phase === "opening") {
    return h("p", { class: "boot" }, t("app.opening"));
  }
  if (state.phase === "failed") {
    return h(
      "div",
      { class: "boot error", role: "alert" },
      h("p", null, t("app.storageFailed")),
      h("p", { class: "detail" }, state.message),
    );
  }
  const { workspace } = state;
  return h(
    WorkspaceContext.Provider,
    { value: workspace },
    h(
      "div",
      { class: `workspace role-${user.role}`, "data-role": user.role },
      h(Header, {}),
      h(SyncBar, {}),
      h(NoticeList, {}),
      h("main", { class: "screen" }, h(RoleScreens, { role: user.role })),
    ),
  );
}
