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

/** A property of a command's body: `type` is `array of object` for a list of objects. */
export interface BodyField {
  name: string;
  type: string;
  required: boolean;
  description?: string;
  /** An object's (or a list's objects') own properties: one level only. */
  fields?: BodyField[];
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
    /** The body schema's top-level properties (and theirs, one level down), for `--help`. */
    fields: BodyField[];
    /** A JSON body for `--help`: the spec's example when short, else the required fields' skeleton. */
    example?: string;
  };
  /** Set for lists `--all` can walk: where a page's items and the total count are (property names). */
  pagination?: { items: readonly string[]; total: readonly string[] };
}
