/**
 * Reconciling work that arrives after an outage: order intake, stock
 * holds and dispatch. See README.md.
 */
export { startReconciler } from "./reconciler.ts";
export type { Reconciler, ReconcilerOptions } from "./reconciler.ts";
export {
  DEFAULT_RECONCILE_SETTINGS,
  reconcileSettingsFromEnv,
} from "./settings.ts";
export type { ReconcileSettings } from "./settings.ts";
export type { DispatchReport } from "./dispatcher.ts";
export type { IntakeHooks, IntakeStats } from "./intake-processor.ts";
