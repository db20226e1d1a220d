/**
 * The root: the sign-in screen, or the signed-in workspace of the
 * user's role. The update prompt shows on both.
 */
import { h, type JSX } from "preact";
import { useLang } from "./i18n/lang.ts";
import { LoginScreen } from "./login-screen.ts";
import { UpdatePrompt } from "./pwa/update-prompt.ts";
import { session } from "./session/session.ts";
import { SignedIn } from "./signed-in.ts";
import { useStore } from "./ui/store.ts";

export function App(): JSX.Element {
  useLang();
  const current = useStore(session);
  return h(
    "div",
    { class: "app" },
    h(UpdatePrompt, {}),
    current === null
      ? h(LoginScreen, {})
      : // A new user gets a new workspace and database; a renewed
        // token for the same user keeps both.
        h(SignedIn, { key: current.user.id, user: current.user }),
  );
}
