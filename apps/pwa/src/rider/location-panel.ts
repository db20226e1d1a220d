import type { RiderDoc } from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { useState } from "preact/hooks";
import { when } from "../i18n/format.ts";
import { t } from "../i18n/lang.ts";
import { useStore } from "../ui/store.ts";
import type { LocationReporter } from "./location-reporter.ts";

interface Props {
  reporter: LocationReporter;
  rider: RiderDoc | null | undefined;
}

export function LocationPanel({ reporter, rider }: Props): JSX.Element {
  const mode = useStore(reporter.mode);
  const sent = useStore(reporter.lastSent);
  const [typing, setTyping] = useState(false);
  const [lat, setLat] = useState("");
  const [lng, setLng] = useState("");
  const shown = sent ?? rider?.location ?? null;
  const latN = Number(lat.replace(",", "."));
  const lngN = Number(lng.replace(",", "."));
  const valid =
    lat !== "" && lng !== "" && Math.abs(latN) <= 90 && Math.abs(lngN) <= 180;
  const submit = (event: Event): void => {
    event.preventDefault();
    if (!valid) return;
    void reporter.manual(latN, lngN).then(() => setTyping(false));
  };
  return h(
    "div",
    { class: "location", "data-testid": "location", "data-mode": mode },
    h(
      "p",
      null,
      mode === "gps"
        ? t("rider.gps")
        : mode === "manual"
          ? t("rider.noGps")
          : t("rider.locating"),
    ),
    shown === null
      ? null
      : h(
          "p",
          { class: "muted", "data-testid": "location-sent" },
          t("rider.lastFix", {
            when: when(shown.recordedAt),
            lat: shown.lat.toFixed(4),
            lng: shown.lng.toFixed(4),
            accuracy: Math.round(shown.accuracy),
          }),
        ),
    mode === "manual" || typing
      ? h(
          "form",
          { class: "manual", onSubmit: submit },
          h("input", {
            name: "lat",
            inputMode: "decimal",
            placeholder: t("rider.lat"),
            "aria-label": t("rider.lat"),
            value: lat,
            onInput: (e) => setLat(e.currentTarget.value),
          }),
          h("input", {
            name: "lng",
            inputMode: "decimal",
            placeholder: t("rider.lng"),
            "aria-label": t("rider.lng"),
            value: lng,
            onInput: (e) => setLng(e.currentTarget.value),
          }),
          h(
            "button",
            { type: "submit", disabled: !valid },
            t("rider.sendLocation"),
          ),
        )
      : h(
          "button",
          { type: "button", class: "link", onClick: () => setTyping(true) },
          t("rider.typeLocation"),
        ),
  );
}
