// `@ango-hub/client/drift`: reading a saved drift report (`client.driftReport()`) and turning it into a
// summary for the vendor, as `ango-drift-summary` does. Its own entry point, so a program that only
// calls the API never bundles it.
export type { DriftProblem } from "./validation/check.js";
export type { DriftEvent, DriftReport, DriftReportEntry } from "./validation/drift.js";
export {
  DriftReportFormatError,
  formatDriftSummary,
  MAX_REPORT_BYTES,
  readDriftReport,
} from "./validation/summary.js";
