// Drift events: what response validation found, by operation, kept once per place and counted for the
// report. Events and the report hold kinds and places only: never a response value or a header value.
import { displayText } from "../display-text.js";
import type { Log } from "../log.js";
import type { DriftFinding, DriftProblem } from "./check.js";

/** One place where a response differed from the spec (see DriftFinding), with the call it answered. */
export interface DriftEvent extends DriftFinding {
  /** The operation's generated name (its operationId where that is usable). */
  operationId: string;
  method: string;
  /** The path template, e.g. `/batches/{projectId}` (never the URL with its values). */
  path: string;
  status: number;
}

/** How often one kind of drift was seen at one place of one operation's responses. */
export interface DriftReportEntry extends Omit<DriftEvent, "pointer"> {
  /** The pointer of the first occurrence (the location with its indexes). */
  firstPointer: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

/** Everything a client's response validation saw, for a person to read or to send to the vendor. */
export interface DriftReport {
  format: "ango-drift-report/1";
  /** When the report was taken (ISO 8601). */
  generatedAt: string;
  /** Responses checked (after sampling), and how many of those differed from the spec. */
  responsesChecked: number;
  responsesWithDrift: number;
  /** Occurrences not kept because the report already holds MAX_DRIFT_ENTRIES places. */
  droppedOccurrences: number;
  entries: DriftReportEntry[];
}

/** Distinct (operation, status, place, problem) entries a client keeps; later new ones are only counted. */
export const MAX_DRIFT_ENTRIES = 1_000;

const PROBLEM_TEXT: Record<DriftProblem, string> = {
  "missing-required": "missing required field",
  "wrong-type": "wrong type",
  "unexpected-null": "unexpected null",
  "unknown-enum-value": "unknown enum value",
  "extra-field": "field the spec does not declare",
  "undeclared-status": "status code the spec does not declare",
  "undeclared-content-type": "content type the spec does not declare",
};

/** Every kind of drift, in the order the summary explains them. */
export const DRIFT_PROBLEMS = Object.keys(PROBLEM_TEXT) as DriftProblem[];

/**
 * One line about one event, for logs and error messages. The pointer names the server's own field names,
 * so every part goes through `display`: a log line is printed on someone's terminal.
 */
export function describeDrift(event: DriftEvent, display = displayText): string {
  const types = event.expected
    ? ` (expected ${display(event.expected, 100)}, got ${display(String(event.actual), 100)})`
    : "";
  const place = event.pointer === "" ? "" : ` at ${display(event.pointer, 1_000)}`;
  return `${display(event.operationId, 200)} ${event.status}: ${PROBLEM_TEXT[event.problem]}${place}${types}${event.breaking ? "" : " (additive)"}`;
}

/** Keeps a client's drift: reports each new place once (onDrift, log at warn) and counts every occurrence. */
export class DriftRecorder {
  readonly #log: Log;
  readonly #onDrift: ((event: DriftEvent) => void) | undefined;
  readonly #entries = new Map<string, DriftReportEntry>();
  #checked = 0;
  #withDrift = 0;
  #dropped = 0;

  constructor(log: Log, onDrift: ((event: DriftEvent) => void) | undefined) {
    this.#log = log;
    this.#onDrift = onDrift;
  }

  /** Records one checked response's events (none: it matched the spec). */
  record(events: readonly DriftEvent[]): void {
    this.#checked++;
    if (events.length > 0) this.#withDrift++;
    const now = new Date().toISOString();
    for (const event of events) {
      const key = [event.operationId, event.status, event.location, event.problem].join("\u0000");
      const entry = this.#entries.get(key);
      if (entry) {
        entry.count++;
        entry.lastSeen = now;
        continue;
      }
      if (this.#entries.size >= MAX_DRIFT_ENTRIES) {
        this.#dropped++;
        continue;
      }
      const { pointer, ...rest } = event;
      this.#entries.set(key, { ...rest, firstPointer: pointer, count: 1, firstSeen: now, lastSeen: now });
      this.#log("warn", `response drift: ${describeDrift(event)}`);
      try {
        this.#onDrift?.(event);
      } catch {
        // The caller's handler failing must not fail the call it observes.
      }
    }
  }

  report(): DriftReport {
    return {
      format: "ango-drift-report/1",
      generatedAt: new Date().toISOString(),
      responsesChecked: this.#checked,
      responsesWithDrift: this.#withDrift,
      droppedOccurrences: this.#dropped,
      entries: [...this.#entries.values()].map((entry) => ({ ...entry })),
    };
  }
}
