import type { FullConfig } from "@playwright/test";
import { openRoundTheClock } from "./api.ts";

/** The demo staff account's store; every test orders from it. */
export const TEST_STORE = "st_dla_akwa";

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  if (baseURL === undefined) throw new Error("playwright.config: no baseURL");
  await openRoundTheClock(baseURL, TEST_STORE);
}
