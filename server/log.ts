/** One line per event on stderr. Tokens never reach a log line: every URL is redacted first. */
export type Logger = (event: string, fields?: Record<string, unknown>) => void;

export function redactUrl(url: string | undefined): string {
  return (url ?? "").replace(/([?&#]token=)[^&#]*/gi, "$1[redacted]");
}

export function consoleLogger(): Logger {
  return (event, fields = {}) => {
    const parts = Object.entries(fields).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
    process.stderr.write(`${new Date().toISOString()} ${event}${parts.length ? " " + parts.join(" ") : ""}\n`);
  };
}

export const silentLogger: Logger = () => {};
