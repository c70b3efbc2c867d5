/** Where server-kit reports problems it recovered from. Defaults to the console. */
export interface Logger {
  /** Something went wrong and was handled (a hook failed, a client misbehaved). */
  warn(message: string, details?: Record<string, unknown>): void;
  /** Something went wrong that the host should look at. */
  error(message: string, details?: Record<string, unknown>): void;
}

/** The default: `console.warn` and `console.error`, prefixed with `[banter]`. */
export const consoleLogger: Logger = {
  warn: (message, details) => console.warn(`[banter] ${message}`, details ?? ''),
  error: (message, details) => console.error(`[banter] ${message}`, details ?? ''),
};

/** Logs nothing (tests). */
export const silentLogger: Logger = { warn: () => {}, error: () => {} };
