/**
 * Mints a development token from the configured HMAC secret (or the sandbox's generated one).
 *   npm run token -- --sub alice [--ttl 3600] [--scope upload:video,upload:image]
 */
import { parseArgs } from 'node:util';
import { mintDevToken } from '@app/auth';
import { ConfigError, loadConfig, readEnvironment } from '@app/config';
import { readDevSecret } from '../apps/upload-api/src/sandbox/dev-secret';

const USAGE = `usage: npm run -s token -- --sub <user id> [--ttl <seconds>] [--scope <permission,...>]

Prints a development JWT signed with AUTH_JWT_SECRET, or with the sandbox's secret in .sandbox/
once the service has started in sandbox mode.

  --sub <user id>           the user the token stands for (required)
  --ttl <seconds>           how long it is valid, a positive whole number (default 3600)
  --scope <permission,...>  permissions, e.g. upload:video,upload:image (checked when AUTH_PERMISSIONS_ENABLED=true)
  -h, --help                this text
`;

class UsageError extends Error {}

interface TokenRequest {
  sub: string;
  ttlSeconds: number;
  scope: string[];
}

/** The request the arguments make, undefined for --help; a UsageError names what is wrong. */
function parse(argv: string[]): TokenRequest | undefined {
  // parseArgs refuses an option value that starts with a dash ("ambiguous"); a negative TTL should meet our own check.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    args.push(argv[i] === '--ttl' && /^-\d/.test(argv[i + 1] ?? '') ? `--ttl=${argv[++i]}` : argv[i]);
  }
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        sub: { type: 'string' },
        ttl: { type: 'string', default: '3600' },
        scope: { type: 'string', default: '' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // Node's parse errors name the option; their first line says what is wrong, the rest is advice we give in USAGE.
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  if (values.help) return undefined;
  if (!values.sub) throw new UsageError('--sub <user id> is required');
  const ttlSeconds = Number(values.ttl);
  if (!/^\d+$/.test(values.ttl) || !Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new UsageError(`--ttl must be a positive whole number of seconds, not ${JSON.stringify(values.ttl)}`);
  }
  const scope = values.scope
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return { sub: values.sub, ttlSeconds, scope };
}

function main(): void {
  const request = parse(process.argv.slice(2));
  if (!request) {
    process.stdout.write(USAGE);
    return;
  }
  // The platform's settings only: a token needs the auth section, not the clouds' (nor their code loaded).
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
  process.stdout.write(`${mintDevToken(secret, config.auth, request)}\n`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

try {
  main();
} catch (error) {
  if (error instanceof UsageError) fail(`npm run token: ${error.message} (see --help)`);
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
