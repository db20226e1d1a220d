/**
 * Loads the workspace (the sync client and the role screens) as a
 * separate chunk: the sign-in screen is all a first visit needs to
 * paint, which matters at 250 kbit/s. The service worker precaches the
 * chunk, so later visits load it from the device.
 */
import { h, type JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "./i18n/lang.ts";
import type { SessionUser } from "./session/session.ts";
import type { Workspace } from "./workspace/workspace.ts";

interface Props {
  user: SessionUser;
}

export function SignedIn({ user }: Props): JSX.Element {
  const [loaded, setLoaded] = useState<typeof Workspace | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import("./workspace/workspace.ts").then(
      (module) => setLoaded(() => module.Workspace),
      () => setFailed(true),
    );
  }, []);
  if (failed) {
    return h("p", { class: "error", role: "alert" }, t("app.loadFailed"));
  }
  if (loaded === null) return h("p", { class: "boot" }, t("app.opening"));
  return h(loaded, { user });
}
