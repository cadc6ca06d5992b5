import { randomBytes } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import type { Logger } from 'pino';
import { mintDevToken } from '@app/auth';
import type { AppConfig } from '@app/config';
import type { RunningEmulator } from '@app/emulator';
import { RECORD_PERMISSIONS } from '@app/uploads';
import { loadServiceConfig, PROVIDERS } from '../providers';
import { sandboxBanner } from './banner';
import { loadOrCreateDevSecret } from './dev-secret';
import type { SandboxClouds } from './sandbox-clouds';
import type { SandboxServices } from './sandbox-services';
import { WebhookSink } from './webhook-sink';

export interface Sandbox {
  /** The configuration the app runs with: the loaded one, completed with sandbox parts. */
  config: AppConfig;
  /** What the app's sandbox routes show (GET /v1/sandbox, the webhook sink, the demo page's helpers). */
  services: SandboxServices;
  /** The in-process emulator (tests look into its stores); absent when a real cloud is configured. */
  emulator?: RunningEmulator;
  announce(baseUrl: string): void;
  close(): Promise<void>;
}

/** Sandbox tokens (the banner's and the demo page's) last a working day. */
const DEV_TOKEN_SECONDS = 12 * 3600;

/** Where the service's event receivers are, as the emulator on this machine reaches them. */
function eventsUrl(host: string, port: number): string {
  const loopback = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${loopback}:${port}/v1/events`;
}

/** The first registered credential route and its shortest documented body: what the banner's curl tries. */
function firstCreate(): { path: string; body: unknown } | undefined {
  const route = PROVIDERS.flatMap((provider) => provider.kinds).find((kind) => kind.route.body)?.route;
  const bodies = Object.values(route?.body?.examples ?? {}).map((example) => example.value as object);
  const body = bodies.sort((a, b) => JSON.stringify(a).length - JSON.stringify(b).length)[0];
  return route && body ? { path: `/v1/uploads/${route.path}`, body } : undefined;
}

/** A port nobody listens on right now, for a service asked to pick one (PORT=0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Outside production, whatever is not configured is filled in locally, loudly: a development JWT
 * secret, the cloud emulator in-process for every provider (with key pairs made up now and handed
 * to both sides), and the in-process store (chosen by the config). In production nothing here
 * runs: the config has already refused to load with any of these parts missing. `directory`: where
 * the development secret is kept (.sandbox/ of the working directory).
 */
export async function prepareSandbox(
  env: Record<string, string | undefined>,
  loaded: AppConfig,
  logger: Logger,
  options: { directory?: string } = {},
): Promise<Sandbox> {
  if (loaded.isProduction) return { config: loaded, services: {}, announce: () => undefined, close: async () => undefined };
  const parts: string[] = [];
  const extra: Record<string, string> = {};

  let devSecret: string | undefined;
  if (loaded.auth.source.kind === 'none') {
    const { secret, persisted } = loadOrCreateDevSecret(options.directory);
    devSecret = extra.AUTH_JWT_SECRET = secret;
    parts.push(persisted ? 'a generated development JWT secret (.sandbox/dev-jwt-secret)' : 'a generated development JWT secret');
  }

  let clouds: SandboxClouds | undefined;
  const noCloud = loaded.offered.size === 0;
  if (noCloud) {
    // The emulator's completion events come back here, so the port must be known before listening.
    const port = loaded.http.port === 0 ? await freePort() : loaded.http.port;
    // Required here, not imported: a deployment with a cloud configured (production always) never loads the emulator.
    // With REGIONS, one emulator per region profile: each region's uploads on its own cloud.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startSandboxClouds } = require('./sandbox-clouds') as typeof import('./sandbox-clouds');
    clouds = await startSandboxClouds(eventsUrl(loaded.http.host, port), loaded.regions);
    Object.assign(extra, { PORT: String(port) }, clouds.serviceEnv);
    parts.push(...clouds.description);
  }
  const emulator: RunningEmulator | undefined = clouds?.emulator;
  let webhookSink: WebhookSink | undefined;
  let webhookSecret: string | undefined;
  const configured = loaded.webhooks.secrets[0];
  // No URL means no webhooks, except in the sandbox: with the in-process emulator (nothing configured), or when a
  // development deployment asks for the sink by giving a WEBHOOK_SECRET without a URL (Compose's emulator profile).
  if (loaded.webhooks.url === undefined && (noCloud || configured !== undefined)) {
    // A WEBHOOK_SECRET of its own is kept (a receiver of the developer's may know it); else one is made up.
    if (!configured) webhookSecret = extra.WEBHOOK_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
    webhookSink = await WebhookSink.start(configured ?? webhookSecret!);
    extra.WEBHOOK_URL = webhookSink.url;
    parts.push(
      `webhooks delivered to a built-in sink at ${webhookSink.url} (GET /v1/sandbox/webhooks lists them)` +
        (loaded.store.kind === 'memory' ? ', queued in-process' : ''),
    );
  }
  if (loaded.store.kind === 'memory') parts.push('the in-process store (one instance only; limits and records vanish on restart)');

  const config = Object.keys(extra).length > 0 ? loadServiceConfig({ ...env, ...extra }) : loaded;
  if (parts.length > 0) logger.warn({ sandbox: parts }, 'SANDBOX MODE: not for production');

  const endpoints = emulator?.storage.endpoints();
  const secret = devSecret;
  const tokenFor = secret
    ? (sub: string, region?: string) =>
        mintDevToken(secret, config.auth, {
          sub,
          ttlSeconds: DEV_TOKEN_SECONDS,
          scope: [...config.catalog.permissions, ...Object.values(RECORD_PERMISSIONS)],
          // The claim as an identity provider would put it (any value: a region of no profile shows the 403).
          ...(region === undefined ? {} : { claims: { [config.auth.regionClaim]: region } }),
        })
    : undefined;
  const running = clouds;
  const services: SandboxServices = {
    webhookSink,
    ...(running && endpoints
      ? {
          endpoints,
          ...(config.regions.declared ? { regions: { names: config.regions.names, endpoints: running.endpoints } } : {}),
          mintToken:
            tokenFor && ((userName: string, region?: string) => ({ token: tokenFor(userName, region), expiresIn: DEV_TOKEN_SECONDS })),
          expireCredentials: () => running.expireAll(),
        }
      : {}),
  };
  return {
    config,
    services,
    emulator,
    announce(baseUrl) {
      if (parts.length === 0) return;
      const token = tokenFor?.('sandbox-user');
      process.stderr.write(
        sandboxBanner(baseUrl, parts, { token, endpoints, webhooks: webhookSink !== undefined, webhookSecret, example: firstCreate() }),
      );
    },
    close: async () => {
      await clouds?.close();
      await webhookSink?.close();
    },
  };
}
