/** Where server-kit reports problems it recovered from. Defaults to the console. */
export interface Logger {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  warn: (message, details) => console.warn(`[banter] ${message}`, details ?? ''),
  error: (message, details) => console.error(`[banter] ${message}`, details ?? ''),
};

export const silentLogger: Logger = { warn: () => {}, error: () => {} };
