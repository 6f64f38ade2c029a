/** What logs and errors show instead of an API key: its first four characters, never more. */
export function redactKey(key: string): string {
  return key.length > 8 ? `${key.slice(0, 4)}…` : "…";
}

/** Removes every occurrence of the key from text that is about to leave the client (errors, logs). */
export function scrubKey(text: string, key: string): string {
  return key && text.includes(key) ? text.replaceAll(key, redactKey(key)) : text;
}

/** Deep version of scrubKey for parsed bodies; returns the value unchanged when the key is absent. */
export function scrubKeyDeep<T>(value: T, key: string): T {
  if (value === undefined || !key) return value;
  const json = JSON.stringify(value);
  if (json === undefined || !json.includes(key)) return value;
  return JSON.parse(json.replaceAll(key, redactKey(key))) as T;
}
