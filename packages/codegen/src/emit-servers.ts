import { type ApiModel, SpecError } from "./model.js";
import { jsDoc } from "./text.js";

/**
 * Server presets (first server is the default), the API key scheme and where error bodies keep their
 * message, as runtime constants, and together as `apiAccess`: what the runtime is handed (its ApiAccess
 * contract, met by shape).
 */
export function emitServers(model: ApiModel): string {
  const [first] = model.servers;
  if (!first) throw new SpecError('The document lists no "servers"; the client needs at least one preset.');
  if (!model.apiKeyScheme) {
    throw new SpecError(
      "The document's global `security` requires no scheme the client can send its key with (an apiKey header or an http bearer token).",
    );
  }
  const entries = model.servers
    .map(
      (server) =>
        `${jsDoc([server.description])}${JSON.stringify(server.key)}: ${JSON.stringify(server.url)},`,
    )
    .join("\n");
  const scheme = model.apiKeyScheme;
  const schemeDoc = jsDoc([
    `Where the API key goes, from the spec's \`${scheme.schemeName}\` security scheme.`,
  ]);
  return `/** Base URLs of the servers listed in the spec, by preset key. */
export const serverPresets = {
${entries}
} as const;

export type ServerPreset = keyof typeof serverPresets;

/** The spec's first server. */
export const defaultServerPreset: ServerPreset = ${JSON.stringify(first.key)};

${schemeDoc}export const apiKeyScheme = {
  in: ${JSON.stringify(scheme.in)},
  name: ${JSON.stringify(scheme.name)},
  prefix: ${JSON.stringify(scheme.prefix)},
} as const;

/** Where an error body says what went wrong, in words: each a path of property names, the first found wins. */
export const errorMessagePaths = ${JSON.stringify(model.errorMessagePaths)} as const;

/** The servers, the key's place and the error message's, as the client's runtime takes them. */
export const apiAccess = { serverPresets, defaultServerPreset, apiKeyScheme, errorMessagePaths } as const;
`;
}
