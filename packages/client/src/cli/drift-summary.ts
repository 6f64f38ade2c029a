#!/usr/bin/env node
// `ango-drift-summary report.json`: prints a saved drift report (client.driftReport(), as JSON) as a
// Markdown summary for the vendor. Exit codes: 0 printed, 1 the file is not a drift report, 2 usage.
import { readFile, stat } from "node:fs/promises";
import { formatDriftSummary, MAX_REPORT_BYTES, readDriftReport } from "../drift.js";

const USAGE = "Usage: ango-drift-summary <report.json>   (a report saved from client.driftReport())";
const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length > 0 || file === "--help" || file === "-h") {
  console.error(USAGE);
  process.exit(file === "--help" || file === "-h" ? 0 : 2);
}
try {
  const { size } = await stat(file);
  if (size > MAX_REPORT_BYTES)
    throw new Error(`${file} is ${size} bytes, over the ${MAX_REPORT_BYTES}-byte limit for a report.`);
  process.stdout.write(formatDriftSummary(readDriftReport(await readFile(file, "utf8"))));
} catch (error) {
  console.error(`ango-drift-summary: ${(error as Error).message}`);
  process.exit(1);
}
