// `@ango-hub/mcp`: the Ango Hub API v2 as an MCP server, for a program that hosts it (the `ango-mcp`
// command is the usual way in). Connect createAngoMcpServer's server to any transport of the MCP SDK, or
// serve it over Streamable HTTP with serveHttp.
export { help, parseCommand, toolList, UsageError } from "./cli.js";
export { type HttpServerOptions, MAX_SESSIONS, MCP_PATH, serveHttp } from "./http.js";
export {
  type AngoMcpServerOptions,
  type Catalog,
  createAngoMcpServer,
  DYNAMIC_TOOLS,
  SPEC_CATALOG,
} from "./server.js";
export { CONTROL_ARGUMENTS, type JsonSchema, type ToolParameter, type ToolSpec } from "./tool-spec.js";
export { RESULT_LIMITS, type ToolFilter } from "./tools.js";
