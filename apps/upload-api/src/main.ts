import { ConfigError, loadConfig, readEnvironment } from '@app/config';
import { createLogger } from '@app/common';
import { createApp } from './bootstrap/create-app';
import { installShutdown } from './bootstrap/shutdown';
import { prepareSandbox } from './sandbox/prepare-sandbox';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(readEnvironment());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.log.level });
  const sandbox = await prepareSandbox(config, logger);
  const app = await createApp(sandbox.config, { logger });
  installShutdown(app, sandbox, logger, config.http.shutdownGraceMs);
  await app.listen({ port: config.http.port, host: config.http.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  logger.info({ port, host: config.http.host, store: sandbox.config.store.kind }, 'listening');
  sandbox.announce(`http://${config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host}:${port}`);
}

void main();
