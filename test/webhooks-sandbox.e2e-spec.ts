import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger } from '@app/common';
import { loadServiceConfig } from '../apps/upload-api/src/providers';
import { WebhookPublisher } from '@app/webhooks';
import { createApp } from '../apps/upload-api/src/bootstrap/create-app';
import { prepareSandbox, type Sandbox } from '../apps/upload-api/src/sandbox/prepare-sandbox';
import { testUpload } from './support/webhook-helpers';
import { TEST_JWT_SECRET } from './support/test-app';

/** Sandbox mode in-process (test/sandbox.e2e-spec.ts runs it as `npm start` does): no Redis, no WEBHOOK_URL. */
describe('Sandbox webhooks (no Redis, no WEBHOOK_URL)', () => {
  let sandbox: Sandbox;
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    const env = { NODE_ENV: 'development', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: TEST_JWT_SECRET };
    const logger = createLogger({ level: 'silent' });
    sandbox = await prepareSandbox(env, loadServiceConfig(env), logger);
    app = await createApp(sandbox.config, { logger, sandbox: sandbox.services });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app.close();
    await sandbox.close();
  });

  it('delivers to the built-in sink through the in-process queue, signed with a generated secret the sink verifies', async () => {
    expect(sandbox.config.store.kind).toBe('memory');
    expect(sandbox.config.webhooks.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks$/);
    expect(sandbox.config.webhooks.secrets[0]).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const upload = testUpload({ status: 'issued' });
    await app.get(WebhookPublisher).publish('upload.created', upload);

    let listed: { deliveries: Record<string, unknown>[] } = { deliveries: [] };
    for (let tries = 0; listed.deliveries.length === 0 && tries < 100; tries++) {
      const response = await fetch(`${base}/v1/sandbox/webhooks`);
      expect(response.status).toBe(200);
      listed = (await response.json()) as typeof listed;
      if (listed.deliveries.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(listed.deliveries).toEqual([
      {
        receivedAt: expect.any(String),
        webhookId: expect.stringMatching(/^msg_/),
        verified: true,
        event: { type: 'upload.created', timestamp: expect.any(String), data: upload },
      },
    ]);
  });
});

describe('Development with a cloud configured and no WEBHOOK_URL', () => {
  const cloud = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    TENCENTCLOUD_SECRET_ID: 'fake-secret-id',
    TENCENTCLOUD_SECRET_KEY: 'development-secret-key-0123456789',
    TENCENTCLOUD_VOD_SUB_APP_ID: '1500000001',
  };
  const prepared = async (env: Record<string, string>) => {
    const logger = createLogger({ level: 'silent' });
    const sandbox = await prepareSandbox(env, loadServiceConfig(env), logger);
    await sandbox.close();
    return sandbox;
  };

  it('sends no webhooks and starts no sink: no URL means no webhooks outside the full sandbox', async () => {
    const sandbox = await prepared(cloud);
    expect(sandbox.config.webhooks.url).toBeUndefined();
    expect(sandbox.services.webhookSink).toBeUndefined();
  });

  it('starts the sink when a WEBHOOK_SECRET asks for it (Compose’s emulator profile)', async () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const sandbox = await prepared({ ...cloud, WEBHOOK_SECRET: secret });
    expect(sandbox.config.webhooks.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks$/);
    expect(sandbox.config.webhooks.secrets).toEqual([secret]);
    expect(sandbox.services.webhookSink).toBeDefined();
  });
});
