import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

/** Nest's own start-up chatter (modules initialised, routes mapped): useful only when debugging. */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Routes Nest's own log calls (and any `new Logger(...)`) into the same redacting pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write(context && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : 'info', message, { context });
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, { context, trace });
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, { context });
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, { context });
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, { context });
  }

  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, { context });
  }

  private write(level: Level, message: unknown, fields: Record<string, unknown>): void {
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      this.logger[level]({ ...fields, data: message });
    } else if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
