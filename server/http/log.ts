/** Structured logs: one JSON object per line, ready for any log pipeline. */
export type LogEntry = Record<string, unknown> & { msg: string };
export type Logger = (entry: LogEntry) => void;

export const jsonLogger: Logger = (entry) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};

export const silentLogger: Logger = () => {};
