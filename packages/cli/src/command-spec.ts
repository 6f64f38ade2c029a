// What the codegen writes for each operation (src/generated/commands.ts) and the CLI reads: the command,
// its flags and its help. The codegen (emit-commands.ts) writes them against these types.

/** One flag of a command: a parameter of the operation, and the JSON type its text is read as. */
export interface CommandParameter {
  /** The parameter's name in the spec (what is sent). */
  name: string;
  /** The flag, without `--` (kebab-case of the name). */
  flag: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** `string`, `integer`, `number`, `boolean`, `array` or `object` (the last two are read as JSON). */
  type: string;
  description?: string;
  enum?: (string | number | boolean)[];
}

export interface CommandSpec {
  /** The operation's generated name: its descriptor's key and the client's function. */
  operation: string;
  /** kebab-case of the operation's name, e.g. `update-project-batches`. */
  command: string;
  method: string;
  path: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  parameters: CommandParameter[];
  body?: {
    mediaType: string;
    required: boolean;
    /** `json`, `multipart`, `form`, `text` or `binary`. */
    encoding: string;
    /** The body schema's top-level properties, for `--help`. */
    fields: { name: string; type: string; required: boolean; description?: string }[];
  };
  /** Set for lists `--all` can walk: the array under `data`. */
  pagination?: { items: string };
}
