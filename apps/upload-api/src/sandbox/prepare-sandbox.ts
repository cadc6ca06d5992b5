import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { mintDevToken } from '@app/auth';
import { type AppConfig, loadConfig } from '@app/config';
import { aliyunServiceEnv, type RunningEmulator, startEmulator, tencentServiceEnv } from '@app/emulator';
import { sandboxBanner } from './banner';
import { loadOrCreateDevSecret } from './dev-secret';
import type { SandboxServices } from './sandbox.module';
import { WebhookSink } from './webhook-sink';

export interface Sandbox {
  /** The configuration the app runs with: the loaded one, completed with sandbox parts. */
  config: AppConfig;
  /** What the app's sandbox routes show. */
  services: SandboxServices;
  announce(baseUrl: string): void;
  close(): Promise<void>;
}

const keyPair = (prefix: string) => ({ id: `${prefix}${randomBytes(6).toString('hex')}`, secret: randomBytes(24).toString('base64url') });

/**
 * Outside production, whatever is not configured is filled in locally, loudly: a development JWT
 * secret, the cloud emulator in-process for every provider (with key pairs made up now and handed
 * to both sides), and the in-process store (chosen by the config). In production nothing here
 * runs: the config has already refused to load with any of these parts missing.
 */
export async function prepareSandbox(env: Record<string, string | undefined>, loaded: AppConfig, logger: Logger): Promise<Sandbox> {
  if (loaded.isProduction) return { config: loaded, services: {}, announce: () => undefined, close: async () => undefined };
  const parts: string[] = [];
  const extra: Record<string, string> = {};

  let devSecret: string | undefined;
  if (loaded.auth.source.kind === 'none') {
    const { secret, persisted } = loadOrCreateDevSecret();
    devSecret = extra.AUTH_JWT_SECRET = secret;
    parts.push(persisted ? 'a generated development JWT secret (.sandbox/dev-jwt-secret)' : 'a generated development JWT secret');
  }

  let emulator: RunningEmulator | undefined;
  const noCloud = !loaded.aliyun.vod && !loaded.aliyun.ims && !loaded.tencent.enabled;
  if (noCloud) {
    const aliyunKey = keyPair('sandbox-ak-');
    const tencentKey = keyPair('sandbox-sid-');
    emulator = await startEmulator({ aliyunKeys: [aliyunKey], tencentKeys: [tencentKey] });
    Object.assign(extra, aliyunServiceEnv(emulator.url, aliyunKey), tencentServiceEnv(emulator.url, tencentKey));
    parts.push(
      `the cloud emulator in-process at ${emulator.url} for Alibaba VOD, Alibaba IMS and Tencent VOD (key pairs made up at start)`,
    );
  }
  let webhookSink: WebhookSink | undefined;
  let webhookSecret: string | undefined;
  if (loaded.webhooks.url === undefined) {
    // A WEBHOOK_SECRET of its own is kept (a receiver of the developer's may know it); else one is made up.
    const configured = loaded.webhooks.secrets[0];
    if (!configured) webhookSecret = extra.WEBHOOK_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
    webhookSink = await WebhookSink.start(configured ?? webhookSecret!);
    extra.WEBHOOK_URL = webhookSink.url;
    parts.push(
      `webhooks delivered to a built-in sink at ${webhookSink.url} (GET /v1/sandbox/webhooks lists them)` +
        (loaded.store.kind === 'memory' ? ', queued in-process' : ''),
    );
  }
  if (loaded.store.kind === 'memory') parts.push('the in-process store (one instance only; limits and records vanish on restart)');

  const config = Object.keys(extra).length > 0 ? loadConfig({ ...env, ...extra }) : loaded;
  if (parts.length > 0) logger.warn({ sandbox: parts }, 'SANDBOX MODE: not for production');

  return {
    config,
    services: { webhookSink },
    announce(baseUrl) {
      if (parts.length === 0) return;
      const token = devSecret ? mintDevToken(devSecret, config.auth, { sub: 'sandbox-user', ttlSeconds: 12 * 3600 }) : undefined;
      process.stderr.write(sandboxBanner(baseUrl, parts, { token, webhooks: webhookSink !== undefined, webhookSecret }));
    },
    close: async () => {
      await emulator?.close();
      await webhookSink?.close();
    },
  };
}
