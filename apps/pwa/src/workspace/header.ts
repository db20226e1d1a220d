import { h, type JSX } from "preact";
import { t } from "../i18n/lang.ts";
import { LangSwitch } from "../lang-switch.ts";
import { signOut } from "../session/session.ts";
import { useWorkspace } from "./context.ts";

const ROLE_KEYS = {
  customer: "role.customer",
  rider: "role.rider",
  staff: "role.staff",
  admin: "role.admin",
} as const;

export function Header(): JSX.Element {
  const { user } = useWorkspace();
  return h(
    "header",
    { class: "top" },
    h("img", { src: "/icon.svg", alt: "", width: 28, height: 28 }),
    h("strong", { class: "brand" }, "Okada"),
    h(
      "span",
      { class: "who", "data-testid": "who" },
      `${user.name} · ${t(ROLE_KEYS[user.role])}`,
    ),
    h(LangSwitch, {}),
    h(
      "button",
      { type: "button", class: "link", onClick: signOut },
      t("app.signOut"),
    ),
  );
}
