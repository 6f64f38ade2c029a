// The `ango` command line's view of each operation (packages/cli/src/generated/commands.ts): its command
// and flag names, help text and how each flag's text becomes a value. Data only, parsed from one JSON
// string literal: the CLI's code is written once, by hand, and reads this.
import type { CommandSpec } from "@ango-hub/cli/runner";
import { kebabCase } from "@ango-hub/openapi-reader";
import type { ApiModel, OperationModel } from "./model.js";
import { compareCodeUnits } from "./model.js";

export { kebabCase };

/**
 * Flags every command has (the CLI's COMMON_FLAGS, which the codegen cannot import at generate time: the
 * CLI is built after it; test/emit-commands.test.ts keeps the two equal). A parameter whose flag would be
 * one of these gets its location as a prefix.
 */
export const GLOBAL_FLAGS = [
  "help",
  "version",
  "body",
  "file",
  "server",
  "timeout-ms",
  "max-retries",
  "log-level",
  "output",
  "all",
  "quiet",
  "max-items",
  "validate-responses",
];

function commandOf(op: OperationModel): CommandSpec {
  const taken = new Set(GLOBAL_FLAGS);
  // A boolean's flag `x` also takes `no-x` (which sends false): neither may be another parameter's flag.
  const claims = (flag: string, boolean: boolean) => (boolean ? [flag, `no-${flag}`] : [flag]);
  const free = (flag: string, boolean: boolean) => claims(flag, boolean).every((f) => !taken.has(f));
  const parameters = op.parameters.map((p) => {
    const boolean = p.type === "boolean";
    const base = kebabCase(p.name) || p.in;
    let flag = base;
    if (!free(flag, boolean)) flag = `${p.in}-${base}`;
    for (let n = 2; !free(flag, boolean); n++) flag = `${base}-${n}`;
    for (const claimed of claims(flag, boolean)) taken.add(claimed);
    return {
      name: p.name,
      flag,
      in: p.in,
      required: p.required,
      type: p.type ?? "string",
      ...(p.description ? { description: p.description } : {}),
      ...(p.enum ? { enum: p.enum } : {}),
    };
  });
  const body = op.requestBody;
  return {
    operation: op.name,
    command: kebabCase(op.name),
    method: op.method.toUpperCase(),
    path: op.path,
    ...(op.summary ? { summary: op.summary } : {}),
    ...(op.description ? { description: op.description } : {}),
    ...(op.deprecated ? { deprecated: true } : {}),
    parameters,
    ...(body
      ? {
          body: {
            mediaType: body.mediaType,
            required: body.required,
            encoding: body.encoding,
            fields: body.fields ?? [],
            ...(body.example !== undefined ? { example: body.example } : {}),
          },
        }
      : {}),
    ...(op.pagination ? { pagination: { items: op.pagination.items, total: op.pagination.total } } : {}),
  };
}

/** Every operation as a command of `ango`, by command name. */
export function commandsOf(model: ApiModel): CommandSpec[] {
  return model.operations.map(commandOf).sort((a, b) => compareCodeUnits(a.command, b.command));
}

/** The commands module: commandsOf(model) and the API's title and version, as data. */
export function emitCommands(model: ApiModel, cliDir = ".."): string {
  const commands = commandsOf(model);
  const api = { title: model.title, version: model.version };
  return `import type { CommandSpec } from ${JSON.stringify(`${cliDir}/command-spec.js`)};

/** The API's title and version, as the spec gives them. */
export const api: { title: string; version: string } = JSON.parse(${JSON.stringify(JSON.stringify(api))});

/** Every operation of the spec as a command of \`ango\`. */
export const commands: readonly CommandSpec[] = JSON.parse(${JSON.stringify(JSON.stringify(commands))});
`;
}
