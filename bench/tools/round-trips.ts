/**
 * The Redis commands one request makes: the bench's stack (Redis, emulator, the built service), MONITOR on
 * Redis, one create of each kind the targets are about (Alibaba video with an Idempotency-Key, Tencent
 * apply, a Tencent signature). Prints the commands each one sent, in order, with what each script ran under it.
 *   node -r @swc-node/register bench/tools/round-trips.ts   (after `npm run build`)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { signTokens } from '../load/tokens';
import { startStack } from '../stack/stack';

/** Connection-level commands of the service's other clients (the verification worker's reconnects). */
const BACKGROUND = new Set(['hello', 'client', 'info', 'bzpopmin']);

async function main(): Promise<void> {
  const stack = await startStack({ runDir: mkdtempSync(join(tmpdir(), 'round-trips-')), latencyMs: 0, logLevel: 'warn', profile: false });
  const monitor = new Redis(stack.redis.server.url);
  const marker = new Redis(stack.redis.server.url);
  const seen: string[] = [];
  let sent = 0;
  const m = await monitor.monitor();
  m.on('monitor', (_time: string, args: string[], source: string) => {
    // The verification worker's own connection (its handshakes, its blocking pop) is not the request's.
    if (BACKGROUND.has(args[0].toLowerCase()) || args.some((arg) => arg.includes(':{verifications}:'))) return;
    const command = args.map((a) => (a.length > 60 ? `${a.slice(0, 57)}…` : a)).join(' ');
    // Commands a script runs are shown under it, indented: one round trip each script, whatever it runs.
    seen.push(source === 'lua' ? `  ${command}` : command);
    if (command.startsWith('echo ')) sent = Number(args[1]);
  });
  const tokens = signTokens(stack.jwtSecret, 2, 'rt');
  const requests = [
    { name: 'Alibaba video create', path: '/v1/uploads/aliyun-vod/videos', body: { title: 'rt', fileName: 'rt.mp4' }, key: true },
    { name: 'Tencent apply', path: '/v1/uploads/tencent-vod/media', body: { mediaType: 'mp4' }, key: true },
    { name: 'Tencent signature', path: '/v1/uploads/tencent-vod/signatures', body: {}, key: false },
  ];
  let marks = 0;
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
        // MONITOR shows commands in the order Redis ran them: once it shows this ECHO, it has shown the request's.
        const mark = (marks += 1);
        await marker.echo(String(mark));
        while (sent < mark) await new Promise((resolve) => setImmediate(resolve));
        const commands = seen.filter((line) => !line.startsWith('echo '));
        const own = commands.filter((line) => !line.startsWith('  ')).length;
        if (round === 1) process.stdout.write(`\n${request.name}: ${response.status}, ${own} commands\n  ${commands.join('\n  ')}\n`);
      }
    }
  } finally {
    m.disconnect();
    monitor.disconnect();
    marker.disconnect();
    await stack.stop();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
