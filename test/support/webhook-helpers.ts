import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Redis } from 'ioredis';
import type { DeliveryQueue, WebhookUpload } from '@app/webhooks';
import type { ReceivedDelivery } from './webhook-receiver';

/** An upload record as the lifecycle would hand it over, with a fresh uploadId. */
export function testUpload(overrides: Partial<WebhookUpload> = {}): WebhookUpload {
  return {
    uploadId: `upl_${randomBytes(16).toString('base64url')}`,
    userId: 'alice',
    provider: 'aliyun-vod',
    kind: 'aliyun-vod-video',
    status: 'uploaded',
    createdAt: '2026-11-23T08:15:30.120Z',
    updatedAt: '2026-11-23T08:17:02.455Z',
    videoId: 'c3f4a0e1b2d34f5e8a7b6c5d4e3f2a1b',
    size: 1024,
    ...overrides,
  };
}

/** The deliveries that carry this upload. */
export const deliveriesOf = (deliveries: readonly ReceivedDelivery[], uploadId: string) =>
  deliveries.filter((delivery) => (JSON.parse(delivery.body) as { data: { uploadId: string } }).data.uploadId === uploadId);

/**
 * The WebhookEventDto schema of the committed openapi.json, with every object closed
 * (additionalProperties: false), so a field the document does not list fails too.
 */
export function documentedEventValidator(): (body: unknown) => string[] {
  const document = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
  const schemas = structuredClone(document.components.schemas);
  for (const name of ['WebhookEventDto', 'WebhookUploadDto']) schemas[name].additionalProperties = false;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile({ ...schemas.WebhookEventDto, components: { schemas } });
  return (body) => (validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`));
}

/** Resolves once the queue holds nothing to deliver (no waiting, delayed or active event). */
export async function queueSettled(queue: DeliveryQueue, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { waiting, delayed, active } = await queue.stats();
    if (waiting + delayed + active === 0) return;
    if (Date.now() > deadline) throw new Error(`queue not settled after ${timeoutMs} ms: ${JSON.stringify({ waiting, delayed, active })}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Everything a queue (`webhooks`, `verifications`) holds in the test Redis under `keyPrefix`: keys and values, whatever their type. */
export async function queueInRedis(keyPrefix: string, queue: string): Promise<string> {
  const redis = new Redis(process.env.TEST_REDIS_URL!, { maxRetriesPerRequest: 0 });
  try {
    const keys = await redis.keys(`${keyPrefix}{${queue}}*`);
    const read = async (key: string): Promise<unknown> => {
      const type = await redis.type(key);
      if (type === 'hash') return redis.hgetall(key);
      if (type === 'zset') return redis.zrange(key, '0', '-1', 'WITHSCORES');
      if (type === 'list') return redis.lrange(key, 0, -1);
      if (type === 'stream') return redis.xrange(key, '-', '+');
      return type === 'string' ? redis.get(key) : type;
    };
    return JSON.stringify(await Promise.all(keys.map(async (key) => [key, await read(key)])));
  } finally {
    redis.disconnect();
  }
}
