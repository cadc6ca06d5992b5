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
 * attempt; logging each would flood the log while Redis is down. Returns a function that
 * silences it, called when we close the connection ourselves.
 */
export function logConnectionChanges(client: RedisClient, target: string, logger: StoreLogger): () => void {
  let silenced = false;
  let connected = false;
  let connectedOnce = false;
  let outageReported = false;
  const reportOutage = (reason: string) => {
    if (silenced || outageReported) return;
    outageReported = true;
    logger.warn(`store unavailable: ${target}: ${reason}`);
  };
  client.on('error', (error: Error) => reportOutage(error.message));
  client.on('node error', (error: Error) => reportOutage(error.message));
  client.on('close', () => {
    if (connected) reportOutage('connection lost; reconnecting');
    connected = false;
  });
  client.on('ready', () => {
    if (!silenced) logger.log(`store ${connectedOnce ? 'reconnected to' : 'connected to'} ${target}`);
    connected = connectedOnce = true;
    outageReported = false;
  });
  return () => {
    silenced = true;
  };
}
