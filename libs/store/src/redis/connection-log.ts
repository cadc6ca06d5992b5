import type { RedisConfig } from '@app/config';
import type { RedisClient } from './redis-client';

export interface StoreLogger {
  log(message: string): void;
  warn(message: string): void;
}

const hostPorts = (nodes: { host: string; port: number }[]) => nodes.map((n) => `${n.host}:${n.port}`).join(',');

/** Where we connect, for log lines: hosts and ports only, never credentials from the URL. */
export function describeTarget(config: RedisConfig): string {
  switch (config.mode) {
    case 'standalone': {
      const url = new URL(config.url);
      return `redis ${url.hostname}:${url.port || '6379'}`;
    }
    case 'sentinel':
      return `redis master "${config.name}" via sentinels ${hostPorts(config.sentinels)}`;
    case 'cluster':
      return `redis cluster ${hostPorts(config.nodes)}`;
  }
}

/**
 * One warning per outage and one line per recovery. ioredis emits an error on every reconnect
 * attempt; logging each would flood the log while Redis is down.
 */
export function logConnectionChanges(client: RedisClient, target: string, logger: StoreLogger): void {
  let outageReported = false;
  let connectedOnce = false;
  const onError = (error: Error) => {
    if (outageReported) return;
    outageReported = true;
    logger.warn(`store unavailable: ${target}: ${error.message}`);
  };
  client.on('error', onError);
  client.on('node error', onError);
  client.on('ready', () => {
    logger.log(`store ${connectedOnce ? 'reconnected to' : 'connected to'} ${target}`);
    connectedOnce = true;
    outageReported = false;
  });
}
