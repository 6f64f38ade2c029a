import { AngoInvalidRequestError } from "./errors.js";

// Control characters (C0, DEL, C1) never belong in a URL path segment.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Refuses a path parameter value that would change which URL is called. Slashes and the like are
 * percent-encoded by openapi-fetch, but `.` and `..` are not, and URL parsing resolves them
 * (`/batches/..` becomes `/`), so they, empty values and control characters are errors.
 */
export function assertSafePathParam(operationId: string, name: string, value: unknown): void {
  const problem = pathParamProblem(value);
  if (problem) {
    throw new AngoInvalidRequestError(
      `${operationId}: path parameter "${name}" ${problem}. Pass the real identifier (for example the project's _id); nothing was sent.`,
    );
  }
}

function pathParamProblem(value: unknown): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : "must be a finite number";
  if (typeof value !== "string") return `must be a string, got ${value === null ? "null" : typeof value}`;
  if (value === "") return "is empty";
  if (value === "." || value === "..") return `is "${value}", which would change the URL's path`;
  if (CONTROL_CHARACTERS.test(value)) return "contains control characters";
  return undefined;
}
