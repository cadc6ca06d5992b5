import { createLogger } from '@app/common';
import { type AppConfig, ConfigError, readEnvironment } from '@app/config';
import { createApp } from './bootstrap/create-app';
import { ListenError } from './metrics/metrics-listener';
import { warnIfNoProvider, warnIfSharedCallbackSecrets } from './bootstrap/provider-warning';
import { installShutdown } from './bootstrap/shutdown';
import { loadServiceConfig } from './providers';
import { prepareSandbox } from './sandbox/prepare-sandbox';

/** A configuration error stops the boot with the message alone (variables and rules, never values). */
function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

async function main(): Promise<void> {
  const env = readEnvironment();
  let loaded: AppConfig;
  try {
    loaded = loadServiceConfig(env);
  } catch (error) {
    exitOnConfigError(error);
  }
  const logger = createLogger({ level: loaded.log.level });
  warnIfNoProvider(loaded, logger);
  warnIfSharedCallbackSecrets(loaded, logger);
  const sandbox = await prepareSandbox(env, loaded, logger).catch(exitOnConfigError);
  // Port taken, address not available: say so and stop, no stack trace for an operator to decode.
  const cannotListen = (code: string | undefined, host: string, port: number): never => {
    logger.fatal({ code, host, port }, 'cannot listen');
    logger.flush();
    process.exit(1);
  };
  // METRICS_PORT's listener opens as the app starts.
  const app = await createApp(sandbox.config, { logger, sandbox: sandbox.services }).catch((error: unknown) => {
    if (error instanceof ListenError) cannotListen(error.code, error.host, error.port);
    throw error;
  });
  installShutdown(app, sandbox, logger, loaded.http.shutdownGraceMs);
  // The sandbox may have chosen the port (its callback URLs name it).
  const { port: wanted, host } = sandbox.config.http;
  await app.listen({ port: wanted, host }).catch((error: unknown) => cannotListen((error as NodeJS.ErrnoException).code, host, wanted));
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : wanted;
  logger.info({ port, host: loaded.http.host, store: sandbox.config.store.kind }, 'listening');
  sandbox.announce(`http://${loaded.http.host.includes(':') ? `[${loaded.http.host}]` : loaded.http.host}:${port}`);
}

void main();
