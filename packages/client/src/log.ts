// Leveled logging. Messages never hold the key: callers pass redacted values only.

export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Where log lines go; `console` fits. Each method receives one line and optional details. */
export interface AngoLogger {
  error(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  debug(message: string, details?: Record<string, unknown>): void;
}

export const LOG_LEVELS: readonly LogLevel[] = ["off", "error", "warn", "info", "debug"];

export interface Log {
  (level: Exclude<LogLevel, "off">, message: string, details?: Record<string, unknown>): void;
  /** Whether lines of `level` are written: lets a caller skip building a line nobody reads. */
  enabled(level: Exclude<LogLevel, "off">): boolean;
}

/**
 * A log function that drops lines above `level` and never throws, nor lets an async logger's promise
 * reject unhandled: a failing logger must not turn a successful call into a failure or end the process.
 */
export function createLog(logger: AngoLogger, level: LogLevel): Log {
  const limit = LOG_LEVELS.indexOf(level);
  const enabled = (lineLevel: LogLevel) => LOG_LEVELS.indexOf(lineLevel) <= limit;
  const log = (lineLevel: Exclude<LogLevel, "off">, message: string, details?: Record<string, unknown>) => {
    if (!enabled(lineLevel)) return;
    try {
      const result: unknown = logger[lineLevel](`[ango] ${message}`, details);
      // An async logger's rejection would otherwise be unhandled and end a Node process.
      if (typeof (result as Promise<unknown> | undefined)?.then === "function")
        (result as Promise<unknown>).then(undefined, () => {});
    } catch {
      // Logging is best effort.
    }
  };
  return Object.assign(log, { enabled });
}
