import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';

interface Closable {
  close(): Promise<void>;
}

/**
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the store (Nest's
 * shutdown hooks), then exit. A request that outlives the grace period does not hold the process.
 */
export function installShutdown(app: INestApplication, sandbox: Closable, logger: Logger, graceMs: number): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal, graceMs }, 'shutting down');
    const force = setTimeout(() => {
      logger.error({ graceMs }, 'in-flight requests outlived the grace period; exiting');
      process.exit(1);
    }, graceMs);
    force.unref();
    app
      .close()
      .then(() => sandbox.close())
      .then(() => {
        logger.info('shutdown complete');
        logger.flush();
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
