/** Sign-in with a username and password; the demo accounts are listed. */
import { h, type JSX } from "preact";
import { useState } from "preact/hooks";
import { t } from "./i18n/lang.ts";
import { LangSwitch } from "./lang-switch.ts";
import { LoginError, login } from "./session/login.ts";
import { signIn } from "./session/session.ts";

interface LoginFormProps {
  /** Renewing an expired session: the username is fixed. */
  username?: string | undefined;
  onDone?: () => void;
}

export function LoginForm(props: LoginFormProps): JSX.Element {
  const [username, setUsername] = useState(props.username ?? "");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const next = await login(username.trim(), password);
      if (props.username !== undefined && next.user.id !== props.username) {
        setError(t("login.otherUser"));
        return;
      }
      signIn(next);
      props.onDone?.();
    } catch (caught) {
      setError(t(caught instanceof LoginError ? caught.key : "login.failed"));
    } finally {
      setBusy(false);
    }
  };

  return h(
    "form",
    { class: "login-form", onSubmit: (event: Event) => void submit(event) },
    h(
      "label",
      null,
      t("login.username"),
      h("input", {
        name: "username",
        autocomplete: "username",
        autocapitalize: "none",
        required: true,
        value: username,
        readOnly: props.username !== undefined,
        onInput: (e) => setUsername(e.currentTarget.value),
      }),
    ),
    h(
      "label",
      null,
      t("login.password"),
      h("input", {
        name: "password",
        type: "password",
        autocomplete: "current-password",
        required: true,
        value: password,
        onInput: (e) => setPassword(e.currentTarget.value),
      }),
    ),
    error === null ? null : h("p", { class: "error", role: "alert" }, error),
    h(
      "button",
      { type: "submit", class: "primary", disabled: busy },
      busy ? t("login.busy") : t("login.submit"),
    ),
  );
}

export function LoginScreen(): JSX.Element {
  return h(
    "main",
    { class: "login" },
    h(
      "header",
      { class: "login-head" },
      h("img", { src: "/icon.svg", alt: "", width: 48, height: 48 }),
      h("h1", null, "Okada"),
      h(LangSwitch, {}),
    ),
    h("p", { class: "tagline" }, t("login.tagline")),
    h(LoginForm, { username: undefined }),
    h("p", { class: "hint" }, t("login.demo")),
  );
}
