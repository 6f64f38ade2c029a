// One call the spec allows, picked from the generated list: what the tests of the published packages
// (consumer, registry, runtimes, browser) make, so they hold for whatever document spec/ holds.
import type { CommandSpec } from "@ango-hub/cli/runner";
import { commandsOf, readApiModel } from "@ango-hub/codegen";
import type { Json } from "./corpus.js";
import { type Descriptor, expectedStatus, INPUT_GROUPS, inputFor, pathInputKey } from "./inputs.js";

/** How many commands are tried for a call the sampler can fill, before the tests say none was found. */
export const MAX_EXAMPLE_CANDIDATES = 25;

export interface ExampleCall {
  /** The client's function (and the descriptor's key). */
  operation: string;
  /** The `ango` command. */
  command: string;
  method: string;
  path: string;
  /** The client input, plain JSON (no Blob): it can be written into a script as a literal. */
  input: Record<string, unknown>;
  /** The same input as the command's flags. */
  args: string[];
  /** Whether the input has a field to misspell (a parameter or a body), for a type test. */
  hasFields: boolean;
}

/**
 * The flags for an input of the generated client: each parameter by its flag, the body as JSON. A value
 * is joined to its flag with `=`: written apart, one that begins with a dash (Azure's resource group
 * names may) reads as another flag, and `ango` refuses it as ambiguous, as any option parser does.
 */
export function flagsFor(command: CommandSpec, input: Record<string, unknown>): string[] {
  const args: string[] = [];
  for (const parameter of command.parameters) {
    const value =
      parameter.in === "path"
        ? input[pathInputKey(parameter.name)]
        : (input[INPUT_GROUPS[parameter.in] as string] as Record<string, unknown> | undefined)?.[
            parameter.name
          ];
    if (value === undefined) continue;
    if (typeof value === "boolean") args.push(value ? `--${parameter.flag}` : `--no-${parameter.flag}`);
    else
      args.push(`--${parameter.flag}=${typeof value === "object" ? JSON.stringify(value) : String(value)}`);
  }
  if (input.body !== undefined) args.push(`--body=${JSON.stringify(input.body)}`);
  return args;
}

/** The document's operations as `ango`'s commands (name, flags, method and path), as the CLI gets them. */
export function specCommands(document: Json): CommandSpec[] {
  return commandsOf(readApiModel(document));
}

/** The command's operation as the input sampler and the expected status read it. */
function descriptorOf(command: CommandSpec): Descriptor {
  return {
    operationId: command.operation,
    method: command.method,
    path: command.path,
    params: command.parameters,
    ...(command.body ? { body: { mediaType: command.body.mediaType, required: command.body.required } } : {}),
  };
}

/** Fields the tests can count on: a JSON body (or none), and an answer that is a JSON success. */
function usable(command: CommandSpec, document: Json): boolean {
  if (command.body && command.body.encoding !== "json") return false;
  return expectedStatus(document, descriptorOf(command)) < 300;
}

/** More to exercise first: a body, then parameters, then neither; in command order within each. */
function weight(command: CommandSpec): number {
  if (command.body) return 0;
  return command.parameters.length > 0 ? 1 : 2;
}

/**
 * The call: the first usable command (by `weight`, then name) whose every required value the mock's
 * sampler fills (seeded, so the same document gives the same call), or why there is none.
 */
export async function exampleCall(document: Json): Promise<{ call: ExampleCall } | { skipped: string }> {
  const commands = specCommands(document)
    .filter((command) => usable(command, document))
    .sort((a, b) => weight(a) - weight(b));
  for (const command of commands.slice(0, MAX_EXAMPLE_CANDIDATES)) {
    const unsatisfied: string[] = [];
    const input = await inputFor(document, descriptorOf(command), 1, unsatisfied);
    if (unsatisfied.length > 0) continue;
    return {
      call: {
        operation: command.operation,
        command: command.command,
        method: command.method,
        path: command.path,
        input,
        args: flagsFor(command, input),
        hasFields: command.body !== undefined || command.parameters.some((p) => p.required),
      },
    };
  }
  return {
    skipped: `none of the spec's first ${MAX_EXAMPLE_CANDIDATES} operations with a JSON (or no) body and a JSON success has an input the mock's sampler can fill`,
  };
}

/**
 * A Node script (ESM or CommonJS) for a project that installed the packages: starts the mock on
 * loopback, makes the call through `createAngoClient`, and prints what the mock saw of each call as
 * `[operation, valid, success]`.
 */
export function callScript(call: ExampleCall, format: "esm" | "cjs", apiKey: string): string {
  const imports =
    format === "esm"
      ? `import { createAngoClient } from "@ango-hub/client";\nimport { startMockAngoServer } from "@ango-hub/testing";`
      : `const { createAngoClient } = require("@ango-hub/client");\nconst { startMockAngoServer } = require("@ango-hub/testing");`;
  return `${imports}
(async () => {
  const server = await startMockAngoServer({ apiKey: ${JSON.stringify(apiKey)} });
  try {
    const ango = createAngoClient({ apiKey: ${JSON.stringify(apiKey)}, server: server.url });
    await ango[${JSON.stringify(call.operation)}](${JSON.stringify(call.input)});
    console.log(JSON.stringify(server.mock.calls.map((c) => [c.operationId, c.valid, c.status < 300])));
  } finally {
    await server.close();
  }
})();
`;
}

/**
 * Strict TypeScript against the installed packages: the call with its result type, its path as a key of
 * `@ango-hub/types`' `paths`, a typed error, and (where the input has fields) a field the input does not
 * have, which must be a type error.
 */
export function typedCallSource(call: ExampleCall): string {
  const typo = call.hasFields
    ? `// @ts-expect-error a field the input does not have
void ango.${call.operation}(${JSON.stringify({ ...call.input, notAnInputField: true })});
`
    : "";
  return `import { AngoAPIError, createAngoClient } from "@ango-hub/client";
import type { paths } from "@ango-hub/types";

const ango = createAngoClient({ apiKey: "k", timeoutMs: 5_000 });
const route: keyof paths = ${JSON.stringify(call.path)};
type Result = Awaited<ReturnType<typeof ango.${call.operation}>>;
export async function call(): Promise<Result> {
  try {
    return await ango.${call.operation}(${JSON.stringify(call.input)}, { idempotent: false });
  } catch (error) {
    if (error instanceof AngoAPIError) console.error(route, error.status, error.requestId);
    throw error;
  }
}
${typo}`;
}
