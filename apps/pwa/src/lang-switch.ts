import { h, type JSX } from "preact";
import { LANGS, lang, useLang } from "./i18n/lang.ts";

/** FR | EN; the choice is remembered on the device. */
export function LangSwitch(): JSX.Element {
  const current = useLang();
  return h(
    "div",
    { class: "lang-switch", role: "group", "aria-label": "Langue / Language" },
    LANGS.map((code) =>
      h(
        "button",
        {
          key: code,
          type: "button",
          class: code === current ? "on" : "",
          "aria-pressed": code === current,
          "data-testid": `lang-${code}`,
          onClick: () => lang.set(code),
        },
        code.toUpperCase(),
      ),
    ),
  );
}
