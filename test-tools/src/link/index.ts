export {
  LINK_PROFILES,
  type LinkProfile,
  type LinkProfileInput,
  type LinkProfileName,
} from "./profiles.ts";
export {
  startLinkProxy,
  type LinkProxy,
  type LinkProxyOptions,
} from "./proxy.ts";
export type { LinkStats } from "./stats.ts";
