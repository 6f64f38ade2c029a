#!/usr/bin/env node
// `ango-drift-summary report.json`: prints a saved drift report (client.driftReport(), as JSON) as a
// Markdown summary for the vendor. Exit codes: 0 printed, 1 the file is not a drift report, 2 usage.
import { displayText } from "../display-text.js";
import { formatDriftSummary, MAX_REPORT_BYTES, readDriftReport } from "../drift.js";
import { readFileCapped } from "../node/read-file.js";

const USAGE = "Usage: ango-drift-summary <report.json>   (a report saved from client.driftReport())";
const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length > 0 || file === "--help" || file === "-h") {
  console.error(USAGE);
  process.exit(file === "--help" || file === "-h" ? 0 : 2);
}
try {
  const bytes = await readFileCapped(file, MAX_REPORT_BYTES, "a drift report");
  process.stdout.write(formatDriftSummary(readDriftReport(new TextDecoder().decode(bytes))));
} catch (error) {
  console.error(`ango-drift-summary: ${displayText((error as Error).message, 2_000)}`);
  process.exit(1);
}
