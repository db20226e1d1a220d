import { h, type JSX } from "preact";
import { ago } from "../i18n/format.ts";
import { t } from "../i18n/lang.ts";
import { useStore } from "../ui/store.ts";
import { useWorkspace } from "./context.ts";
import { explain } from "./explain.ts";

/** Refused writes and merged conflicts, newest first, until dismissed. */
export function NoticeList(): JSX.Element | null {
  const { notices } = useWorkspace();
  const list = useStore(notices.list);
  if (list.length === 0) return null;
  return h(
    "section",
    { class: "notices", "aria-live": "polite", "data-testid": "notices" },
    [...list].reverse().map((notice) => {
      const { title, body, detail } = explain(notice);
      return h(
        "article",
        {
          key: notice.key,
          class: `notice notice-${notice.kind}`,
          "data-kind": notice.kind,
          "data-doc": notice.docId,
        },
        h("strong", null, title),
        h("p", null, body),
        detail === undefined
          ? null
          : h("p", { class: "detail" }, t("refused.server", { detail })),
        h(
          "footer",
          null,
          h("small", null, ago(notice.at)),
          h(
            "button",
            { type: "button", onClick: () => notices.dismiss(notice.key) },
            t("notice.dismiss"),
          ),
        ),
      );
    }),
  );
}
