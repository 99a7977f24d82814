/** Fields of a log line: anything JSON can hold. */
export type LogFields = Record<string, unknown>;

/** Structured logs: one JSON object per line, for `jq` or a log collector. */
export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/**
 * A logger writing `{"time","level","msg",…fields}` lines. Errors go to stderr, the rest to
 * stdout; a field that cannot be serialised is written as its string rather than losing the line.
 */
export function jsonLogger(
  write: (line: string, level: 'info' | 'warn' | 'error') => void = (line, level) =>
    void (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`),
): Logger {
  const emit = (level: 'info' | 'warn' | 'error', msg: string, fields: LogFields = {}) => {
    const record = { time: new Date().toISOString(), level, msg, ...fields };
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      line = JSON.stringify({ time: record.time, level, msg, fields: String(fields) });
    }
    write(line, level);
  };
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

const SECRET_PARAM = /pass|token|secret|key|session|code|auth/i;

/**
 * The path of a request as it may be logged: the query's values of anything that looks like a
 * secret (`token`, `password`, `key`…) replaced by `***`; the others kept (grant, period).
 */
export function loggablePath(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const path = url.slice(0, q);
  const params = new URLSearchParams(url.slice(q + 1));
  const kept: string[] = [];
  for (const [name, value] of params)
    kept.push(
      `${encodeURIComponent(name)}=${SECRET_PARAM.test(name) ? '***' : encodeURIComponent(value)}`,
    );
  return kept.length ? `${path}?${kept.join('&')}` : path;
}
