// Where requests go and how they authenticate: the server presets and the API key scheme.
import { keySchemeOf, undefinedSchemeNames } from "@ango-hub/openapi-reader";
import { REGION_CODES } from "./conventions.js";
import type { ApiKeySchemeModel, ModelNotice, ServerModel } from "./model.js";
import { isObject, type Json } from "./refs.js";
import { SpecError } from "./spec-error.js";
import { plainText } from "./text.js";

/** Words a description may open with that name nothing ("The production server"): skipped for the key. */
const LEADING_ARTICLES = new Set(["the", "a", "an", "our", "this"]);

/**
 * The preset key of a server: the first word of its description after any leading article, lower-cased,
 * replaced by its two-letter code when it names a region in REGION_CODES ("India Production Server" ->
 * "in"; "The production server" -> "production"). A server without such a word is keyed by the first
 * label of its host name.
 */
export function serverKey(server: { url: string; description?: string }): string {
  const words = (server.description ?? "")
    .split(/\s+/)
    .map((word) => word.toLowerCase().replace(/[^a-z0-9]/g, ""))
    .filter((word) => word !== "");
  const firstWord = words.find((word) => !LEADING_ARTICLES.has(word));
  // hasOwn: a description starting with "Constructor" must not find Object.prototype.constructor.
  if (firstWord)
    return Object.hasOwn(REGION_CODES, firstWord) ? (REGION_CODES[firstWord] as string) : firstWord;
  const host = /^[a-z]+:\/\/([^/:]+)/i.exec(server.url)?.[1] ?? server.url;
  return (host.split(".")[0] ?? host).toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Hosts to which plain http is allowed, as for the client's `server` option: the key stays on this machine. */
const LOOPBACK_HOST = /^(localhost|\[::1\]|127(\.\d{1,3}){3})$/;

/**
 * Why a server URL cannot be a preset, or undefined when it can. The same rule as the client's `server`
 * option: an absolute https URL (http only on loopback) without credentials, query or fragment.
 */
export function serverUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "is not an absolute URL; the client needs one such as https://host/v2";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "is not an http(s) URL";
  if (url.username || url.password) return "holds credentials, which the client never sends";
  if (/[?#]/.test(text)) return "has a query or fragment, which a base URL cannot have";
  if (url.protocol === "http:" && !LOOPBACK_HOST.test(url.hostname))
    return "is plain http on a non-loopback host: the API key would travel unencrypted";
  return undefined;
}

/** The most URLs one server's variables may give (the product of their enums); more keep the defaults' alone. */
export const MAX_SERVER_VARIANTS = 64;

/** One choice of a server's variables: its URL, and the values that differ from the defaults. */
interface ServerVariant {
  url: string;
  changed: { name: string; value: string }[];
}

/**
 * The URLs a server's variables give: the defaults' first (as the spec says clients should use), then
 * every other combination of the variables' `enum` values, at most MAX_SERVER_VARIANTS in all.
 */
function serverVariants(entry: Json, where: string, notices: ModelNotice[]): ServerVariant[] {
  const variables = isObject(entry.variables) ? entry.variables : {};
  const template = entry.url as string;
  const names = [...new Set([...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string))];
  const choices = names.map((name) => {
    const variable = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (!isObject(variable) || typeof variable.default !== "string")
      throw new SpecError(`${where}: server variable "${plainText(name)}" needs a default.`);
    const others = Array.isArray(variable.enum)
      ? variable.enum.filter(
          (value): value is string => typeof value === "string" && value !== variable.default,
        )
      : [];
    return { name, values: [variable.default, ...new Set(others)] };
  });
  const count = choices.reduce((product, { values }) => product * values.length, 1);
  const limited = count > MAX_SERVER_VARIANTS;
  if (limited)
    notices.push({
      where,
      message: `its variables give ${count} URLs, more than ${MAX_SERVER_VARIANTS}; only the defaults' is a preset.`,
    });
  let combinations: string[][] = [[]];
  for (const { values } of choices)
    combinations = combinations.flatMap((chosen) =>
      (limited ? values.slice(0, 1) : values).map((value) => [...chosen, value]),
    );
  return combinations.map((chosen) => ({
    url: template.replace(/\{([^}]+)\}/g, (_, name: string) => chosen[names.indexOf(name)] as string),
    changed: chosen.flatMap((value, index) => {
      const { name, values } = choices[index] as { name: string; values: string[] };
      return value === values[0] ? [] : [{ name, value }];
    }),
  }));
}

/**
 * The spec's servers as presets. A server with variables gives one preset per choice of their `enum`
 * values: the defaults' under the server's key (serverKey), each other under the values it changes,
 * joined by "-" (`{region}` = `us` gives `us`). A URL the client would refuse (plain http off loopback,
 * relative, with credentials) is left out with a notice, as a server beside an https one often is; a
 * document none of whose servers the client can use is refused, with each server's reason.
 */
export function readServers(doc: Json, notices: ModelNotice[]): ServerModel[] {
  const raw = doc.servers;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new SpecError('"servers" must be an array.');
  const refused: string[] = [];
  const servers = raw.flatMap((entry, index) => {
    const where = `servers[${index}]`;
    if (!isObject(entry) || typeof entry.url !== "string") throw new SpecError(`${where} needs a "url".`);
    const description = typeof entry.description === "string" ? entry.description : undefined;
    return serverVariants(entry, where, notices).flatMap(({ url, changed }) => {
      const problem = serverUrlProblem(url);
      if (problem) {
        refused.push(`${where}: "${plainText(url)}" ${problem}`);
        notices.push({ where, message: `"${plainText(url)}" ${problem}; it is not a preset.` });
        return [];
      }
      if (changed.length === 0)
        return [
          { key: serverKey({ url, ...(description ? { description } : {}) }) || "server", url, description },
        ];
      const chosen = changed.map(({ name, value }) => `${name}: ${value}`).join(", ");
      const key = changed
        .map(({ value }) => value.toLowerCase().replace(/[^a-z0-9-]/g, ""))
        .filter((part) => part !== "")
        .join("-");
      return [
        { key: key || "server", url, description: description ? `${description} (${chosen})` : chosen },
      ];
    });
  });
  if (servers.length === 0 && refused.length > 0)
    throw new SpecError(`No server of the document can be a preset: ${refused.join("; ")}.`);
  const keys = new Set<string>();
  for (const server of servers) {
    const wanted = server.key;
    for (let suffix = 2; keys.has(server.key); suffix++) server.key = `${wanted}${suffix}`;
    if (server.key !== wanted)
      notices.push({
        where: "servers",
        message: `two servers map to the preset key "${wanted}"; the later one is "${server.key}".`,
      });
    keys.add(server.key);
  }
  return servers.map(({ key, url, description }) => ({ key, url, ...(description ? { description } : {}) }));
}

/**
 * Where the client sends the API key (keySchemeOf of @ango-hub/openapi-reader: an apiKey header or a
 * bearer token). Undefined when the document requires no security at all; a SpecError naming each scheme
 * and why when it requires only ones that cannot carry the key.
 */
export function readApiKeyScheme(doc: Json): ApiKeySchemeModel | undefined {
  // A name the document does not define is a broken document, even beside a scheme that can be used.
  const [undefinedName] = undefinedSchemeNames(doc);
  if (undefinedName !== undefined)
    throw new SpecError(
      `security names "${plainText(undefinedName)}", which components.securitySchemes does not define.`,
    );
  const found = keySchemeOf(doc);
  if ("header" in found) {
    const { schemeName, header, prefix } = found;
    return { schemeName, in: "header", name: header, prefix };
  }
  if (found.unusable.length === 0) return undefined;
  const reasons = found.unusable.map(
    ({ schemeName, problem }) => `"${plainText(schemeName)}" ${plainText(problem)}`,
  );
  throw new SpecError(`No scheme of the global \`security\` can carry the API key: ${reasons.join("; ")}.`);
}
