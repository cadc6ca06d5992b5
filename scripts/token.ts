/**
 * Mints a development token from the configured HMAC secret (or the sandbox's generated one).
 *   npm run token -- --sub alice [--ttl 3600] [--scope upload:video,upload:image]
 */
import { parseArgs } from 'node:util';
import { mintDevToken } from '@app/auth';
import { ConfigError, loadConfig, readEnvironment } from '@app/config';
import { readDevSecret } from '../apps/upload-api/src/sandbox/dev-secret';

function main(): void {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
      scope: { type: 'string', default: '' },
    },
  });
  if (!values.sub) fail('usage: npm run token -- --sub <user id> [--ttl seconds] [--scope a,b]');
  const ttlSeconds = Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) fail('--ttl must be a positive number of seconds');

  const config = loadConfig(readEnvironment());
  const source = config.auth.source;
  const secret = source.kind === 'secret' ? source.secret : source.kind === 'none' ? readDevSecret() : undefined;
  if (!secret) {
    fail(
      source.kind === 'none'
        ? 'no AUTH_JWT_SECRET and no sandbox secret yet: start the service once (npm start) or set AUTH_JWT_SECRET'
        : `the service verifies tokens with ${source.kind === 'jwks' ? 'AUTH_JWKS_URL' : 'AUTH_JWT_PUBLIC_KEY'}; ` +
            'mint tokens with your identity provider',
    );
  }
  const scope = values.scope
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  process.stdout.write(`${mintDevToken(secret, config.auth, { sub: values.sub, ttlSeconds, scope })}\n`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

try {
  main();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
