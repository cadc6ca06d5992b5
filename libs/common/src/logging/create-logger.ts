import pino, { type DestinationStream, type Logger } from 'pino';
import { redact } from './redact';

export interface LoggerOptions {
  level: string;
  /** Where lines go; stdout by default. Tests pass a capturing stream. */
  destination?: DestinationStream;
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
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redact(object) as Record<string, unknown>,
      },
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
