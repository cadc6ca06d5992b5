/**
 * The Redis commands one request makes: the bench's stack (Redis, emulator, the built service), MONITOR on
 * Redis, one create of each kind the targets are about (Alibaba video with an Idempotency-Key, Tencent
 * apply, a Tencent signature). Prints the commands each one sent, in order.
 *   node -r @swc-node/register bench/tools/round-trips.ts   (after `npm run build`)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { signTokens } from '../load/tokens';
import { startStack } from '../stack/stack';

async function main(): Promise<void> {
  const stack = await startStack({ runDir: mkdtempSync(join(tmpdir(), 'round-trips-')), latencyMs: 0, logLevel: 'warn', profile: false });
  const monitor = new Redis(stack.redis.server.url);
  const seen: string[] = [];
  const m = await monitor.monitor();
  m.on('monitor', (_time: string, args: string[]) => seen.push(args.map((a) => (a.length > 60 ? `${a.slice(0, 57)}…` : a)).join(' ')));
  const tokens = signTokens(stack.jwtSecret, 2, 'rt');
  const requests = [
    { name: 'Alibaba video create', path: '/v1/uploads/aliyun-vod/videos', body: { title: 'rt', fileName: 'rt.mp4' }, key: true },
    { name: 'Tencent apply', path: '/v1/uploads/tencent-vod/media', body: { mediaType: 'mp4' }, key: true },
    { name: 'Tencent signature', path: '/v1/uploads/tencent-vod/signatures', body: {}, key: false },
  ];
  try {
    for (const request of requests) {
      // Twice: the first warms up (script loads, JWKS, first-use paths), the second is counted.
      for (const round of [0, 1]) {
        seen.length = 0;
        const response = await fetch(`${stack.service.url}${request.path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: tokens.owner,
            ...(request.key ? { 'idempotency-key': randomUUID() } : {}),
          },
          body: JSON.stringify(request.body),
        });
        await response.text();
        await new Promise((resolve) => setTimeout(resolve, 300));
        if (round === 1) process.stdout.write(`\n${request.name}: ${response.status}, ${seen.length} commands\n  ${seen.join('\n  ')}\n`);
      }
    }
  } finally {
    m.disconnect();
    monitor.disconnect();
    await stack.stop();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
