import pino, { type DestinationStream, type Logger } from 'pino';
import { redact } from './redact';

export interface LoggerOptions {
  level: string;
  /** Where lines go; stdout by default. Tests pass a capturing stream. */
  destination?: DestinationStream;
}

let stampedAt = 0;
let stamp = '';

/** pino's isoTime, made once per millisecond: at thousands of lines a second most share their millisecond. */
function isoTime(): string {
  const now = Date.now();
  if (now !== stampedAt) {
    stampedAt = now;
    stamp = `,"time":"${new Date(now).toISOString()}"`;
  }
  return stamp;
}

/**
 * JSON lines on stdout, every object redacted by field name before it is written. Written
 * asynchronously: lines logged while a write is under way go out together in the next one, instead
 * of one blocking write(2) per line (pino's default); pino flushes what is left when the process exits.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: undefined,
      timestamp: isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redact(object) as Record<string, unknown>,
      },
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
