// A saved drift report (`client.driftReport()`, as JSON) turned into a summary a person can read and take
// to the vendor: Markdown, breaking drift first. The report is read as untrusted input: its shape is
// checked and every text from it is shown as plain text in the table.
import { displayText } from "../display-text.js";
import { AngoError } from "../errors.js";
import type { DriftProblem } from "./check.js";
import { DRIFT_PROBLEMS, type DriftReport, type DriftReportEntry, describeDrift } from "./drift.js";

/** The largest report file the summary reads. */
export const MAX_REPORT_BYTES = 50 * 1024 * 1024;

/** A report that is not one `driftReport()` wrote: says which field is wrong. */
export class DriftReportFormatError extends AngoError {
  override name = "DriftReportFormatError";
}

/** Parses and checks a saved report; throws DriftReportFormatError naming what is wrong. */
export function readDriftReport(text: string): DriftReport {
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    throw new DriftReportFormatError(`The report is not JSON (${(error as Error).message}).`);
  }
  const fail = (what: string): never => {
    throw new DriftReportFormatError(`Not a drift report from driftReport(): ${what}.`);
  };
  const record = (value: unknown, what: string) =>
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : fail(`${what} is not an object`);
  const top = record(report, "the file");
  if (top.format !== "ango-drift-report/1") fail('"format" is not "ango-drift-report/1"');
  for (const field of ["responsesChecked", "responsesWithDrift", "droppedOccurrences"])
    if (typeof top[field] !== "number") fail(`"${field}" is not a number`);
  if (!Array.isArray(top.entries)) fail('"entries" is not a list');
  (top.entries as unknown[]).forEach((raw, index) => {
    const entry = record(raw, `entries[${index}]`);
    for (const field of [
      "operationId",
      "method",
      "path",
      "location",
      "firstPointer",
      "firstSeen",
      "lastSeen",
    ])
      if (typeof entry[field] !== "string") fail(`entries[${index}].${field} is not a string`);
    for (const field of ["status", "count"])
      if (typeof entry[field] !== "number") fail(`entries[${index}].${field} is not a number`);
    if (!DRIFT_PROBLEMS.includes(entry.problem as DriftProblem))
      fail(`entries[${index}].problem is not a known kind`);
    if (typeof entry.breaking !== "boolean") fail(`entries[${index}].breaking is not true or false`);
    for (const field of ["expected", "actual"])
      if (entry[field] !== undefined && typeof entry[field] !== "string")
        fail(`entries[${index}].${field} is not a string`);
  });
  return report as DriftReport;
}

/**
 * Text from the report as one table cell, shown as it is and never as Markdown: displayText's escapes,
 * then a code span, inside which HTML, links, `@mentions` and emphasis are plain text; a backtick cannot
 * close it (shown as `'`) and a pipe cannot end the cell (`\|`, which tables read as a pipe).
 */
function cell(text: string | number): string {
  if (typeof text === "number") return String(text);
  const shown = displayText(String(text), 200).replaceAll("`", "'").replaceAll("|", "\\|");
  return shown.trim() === "" ? "(none)" : `\`${shown}\``;
}

function table(entries: DriftReportEntry[]): string {
  const rows = [...entries]
    .sort((a, b) => b.count - a.count || a.operationId.localeCompare(b.operationId))
    .map((entry) => {
      const what = describeDrift({ ...entry, pointer: entry.location }).replace(/^\S+ \d+: /, "");
      return `| ${cell(`${entry.method} ${entry.path} (${entry.operationId})`)} | ${cell(entry.status)} | ${cell(entry.location || "(body)")} | ${cell(what)} | ${cell(entry.count)} | ${cell(`${entry.firstSeen} – ${entry.lastSeen}`)} |`;
    });
  return [
    "| Operation | Status | Where (JSON pointer, `*` = every item) | What differs from the spec | Times | First – last seen |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** The report as Markdown: totals, then breaking and additive drift, most frequent first. */
export function formatDriftSummary(report: DriftReport): string {
  const breaking = report.entries.filter((entry) => entry.breaking);
  const additive = report.entries.filter((entry) => !entry.breaking);
  const lines = [
    "# Where the API's responses differ from its OpenAPI document",
    "",
    `Report taken ${cell(report.generatedAt)}: ${report.responsesChecked} responses checked, ${report.responsesWithDrift} of them with drift, at ${report.entries.length} places.`,
  ];
  if (report.droppedOccurrences > 0)
    lines.push(
      `${report.droppedOccurrences} further occurrences at places beyond the report's limit are not listed.`,
    );
  if (report.entries.length === 0)
    return `${lines.join("\n")}\n\nNo drift: every response checked matched the document.\n`;
  if (breaking.length > 0)
    lines.push(
      "",
      `## Breaking (${breaking.length}): a client relying on the document can fail`,
      "",
      table(breaking),
    );
  if (additive.length > 0)
    lines.push(
      "",
      `## Additive (${additive.length}): fields or values the document does not list yet`,
      "",
      table(additive),
    );
  return `${lines.join("\n")}\n`;
}
