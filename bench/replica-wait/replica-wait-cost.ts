/**
 * What REDIS_WAIT_REPLICAS=1 costs a write that acknowledges something: the same writes through
 * `store.set` and through `store.replicated.set` (followed by WAIT 1) on a local master and replica.
 * One writer after another (a request's writes are sequential), then 16 at a time.
 *   npm run -s bench:replica-wait [-- --writes 2000]
 */
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { RedisStore, type Store } from '@app/store';
import { startRedisServer } from '@app/testing';

const { values } = parseArgs({ options: { writes: { type: 'string', default: '2000' } } });
const WRITES = Number(values.writes);
const quiet = { log: () => undefined, warn: () => undefined };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(store: Store, concurrency: number): Promise<{ p50: number; p99: number; perSecond: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const writer = async () => {
    while (next < WRITES) {
      const i = next++;
      const at = performance.now();
      await store.set(`bench:${i}`, 'x'.repeat(600), 60_000);
      latencies.push(performance.now() - at);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, writer));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond: WRITES / seconds };
}

async function main(): Promise<void> {
  const master = await startRedisServer({ args: ['--repl-diskless-sync-delay', '0'] });
  const replica = await startRedisServer({ args: ['--replicaof', '127.0.0.1', String(master.port)] });
  const probe = new Redis(replica.url);
  while (!/master_link_status:up/.test(await probe.info('replication'))) await new Promise((resolve) => setTimeout(resolve, 50));
  probe.disconnect();
  const config = {
    mode: 'standalone' as const,
    url: master.url,
    keyPrefix: 'bench:',
    commandTimeoutMs: 2_000,
    connectTimeoutMs: 2_000,
    tls: false,
    replicaWait: { replicas: 1, timeoutMs: 1_000 },
  };
  const store = new RedisStore(config, { logger: quiet });
  await store.waitUntilReady(2_000);
  try {
    for (const concurrency of [1, 16]) {
      for (const [name, target] of [
        ['without WAIT', store],
        ['with WAIT 1 ', store.replicated],
      ] as const) {
        await measure(target, concurrency); // warm-up
        const { p50, p99, perSecond } = await measure(target, concurrency);
        console.log(
          `${name} concurrency ${String(concurrency).padStart(2)}: ` +
            `p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, ${perSecond.toFixed(0)} writes/s`,
        );
      }
    }
  } finally {
    await store.close();
    await Promise.all([replica.stop(), master.stop()]);
  }
}

void main();
