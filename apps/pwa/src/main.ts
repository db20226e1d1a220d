import { h, render } from "preact";
import { App } from "./app.ts";
import "./styles.css";
import { registerServiceWorker } from "./pwa/register-sw.ts";

const root = document.getElementById("app");
if (root !== null) {
  root.textContent = "";
  render(h(App, {}), root);
}
registerServiceWorker();
