import { h, type JSX } from "preact";
import { t } from "../i18n/lang.ts";
import { useStore } from "../ui/store.ts";
import { applyUpdate, waitingWorker } from "./register-sw.ts";

export function UpdatePrompt(): JSX.Element | null {
  const worker = useStore(waitingWorker);
  if (worker === null) return null;
  return h(
    "div",
    { class: "banner banner-update", role: "status", "data-testid": "update" },
    h("span", null, t("update.ready")),
    h("button", { type: "button", onClick: applyUpdate }, t("update.apply")),
  );
}
