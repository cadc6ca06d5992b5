import type { Logger } from 'pino';
import { mintDevToken } from '@app/auth';
import type { AppConfig } from '@app/config';
import { loadOrCreateDevSecret } from './dev-secret';

export interface Sandbox {
  /** The configuration the app runs with: the loaded one, completed with sandbox parts. */
  config: AppConfig;
  announce(baseUrl: string): void;
  close(): Promise<void>;
}

/**
 * Outside production, whatever is not configured is filled in locally: a development JWT secret
 * (and the in-process store, chosen by the config). Production never gets here with gaps:
 * the config refuses to load.
 */
export async function prepareSandbox(loaded: AppConfig, logger: Logger): Promise<Sandbox> {
  const parts: string[] = [];
  let config = loaded;
  let devSecret: string | undefined;
  if (loaded.auth.source.kind === 'none') {
    const { secret, persisted } = loadOrCreateDevSecret();
    devSecret = secret;
    config = { ...config, auth: { ...config.auth, source: { kind: 'secret', secret, algorithms: ['HS256'], generated: true } } };
    parts.push(persisted ? 'a generated development JWT secret (.sandbox/dev-jwt-secret)' : 'a generated development JWT secret');
  }
  if (config.store.kind === 'memory') parts.push('the in-process store (single instance)');
  if (parts.length > 0) logger.warn({ sandbox: parts }, 'SANDBOX MODE: not for production');

  return {
    config,
    announce(baseUrl) {
      if (parts.length === 0) return;
      const lines = ['', '  SANDBOX MODE - not for production. Running with:', ...parts.map((part) => `    - ${part}`)];
      if (devSecret) {
        const token = mintDevToken(devSecret, config.auth, { sub: 'sandbox-user', ttlSeconds: 12 * 3600 });
        lines.push('', '  Try it (token valid 12 h; more with `npm run token -- --sub alice`):', `    curl -s ${baseUrl}/v1/me -H 'authorization: Bearer ${token}'`);
      }
      lines.push(`  API docs: ${baseUrl}/docs`, '');
      process.stderr.write(`${lines.join('\n')}\n`);
    },
    close: async () => undefined,
  };
}
