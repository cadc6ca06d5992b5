import { testKey } from '@app/testing';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { storeUnavailable, type Store, type StorePersistence } from '@app/store';
import { loadServiceConfig } from '../providers';
import { DurabilityReport } from './durability-report';

const ENV = { NODE_ENV: 'test', REDIS_URL: 'redis://127.0.0.1:6399', CACHE_ENCRYPTION_KEY: testKey('durability') };

describe(DurabilityReport.name, () => {
  const lines: string[] = [];

  beforeEach(() => {
    lines.length = 0;
    for (const level of ['log', 'warn', 'debug'] as const)
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void lines.push(`${level}: ${String(args[0])}`));
  });
  afterEach(() => jest.restoreAllMocks());

  async function report(persistence: () => Promise<StorePersistence>, options: { production?: boolean; kind?: string } = {}) {
    const store = { kind: options.kind ?? 'redis', persistence: jest.fn(persistence) };
    const config = new ConfigService({ ...loadServiceConfig(ENV), isProduction: options.production ?? false });
    const sut = new DurabilityReport(store as unknown as Store, config);
    await sut.onApplicationBootstrap();
    return store;
  }

  it('states once what Redis keeps, for how long, and how Redis keeps it', async () => {
    const store = await report(async () => ({ appendOnly: true, appendFsync: 'everysec', snapshots: false }), { production: true });
    expect(store.persistence).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([
      'log: Redis keeps upload records 7d; idempotent answers until their credential expires, less 2m; upload sessions until ' +
        'their credential expires, plus a margin; daily quotas until 00:00 UTC; rate limits and upstream budgets for seconds. ' +
        'Persistence: AOF (appendfsync everysec)',
    ]);
  });

  it('warns in production when Redis reports no persistence at all', async () => {
    await report(async () => ({ appendOnly: false, appendFsync: 'everysec', snapshots: false }), { production: true });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/Persistence: none \(a restart loses all of it\)$/);
    expect(lines[1]).toMatch(/^warn: Redis reports no persistence .*restart loses every upload record.*appendonly yes/);
  });

  it('does not warn outside production, nor for snapshots only', async () => {
    await report(async () => ({ appendOnly: false, snapshots: false }));
    await report(async () => ({ appendOnly: false, snapshots: true }), { production: true });
    expect(lines.filter((line) => !line.startsWith('log: '))).toEqual([]);
  });

  it('says it only at debug when Redis will not tell (a managed Redis that refuses CONFIG and INFO)', async () => {
    await report(async () => ({ appendOnly: undefined, snapshots: undefined }), { production: true });
    await report(async () => ({ appendOnly: false, snapshots: undefined }), { production: true });
    expect(lines.filter((line) => !line.startsWith('log: '))).toEqual([
      expect.stringMatching(/^debug: Redis did not say how it persists/),
      expect.stringMatching(/^debug: Redis did not say how it persists/),
    ]);
  });

  it('still states what it keeps when Redis does not answer at boot', async () => {
    await report(() => Promise.reject(storeUnavailable(new Error('connection refused'))), { production: true });
    expect(lines).toEqual([
      expect.stringMatching(/^log: Redis keeps upload records 7d; .*Persistence: not checked \(Redis did not answer\)$/),
    ]);
  });

  it('says nothing with the in-process store: there is no Redis', async () => {
    const store = await report(async () => ({ appendOnly: false, snapshots: false }), { production: true, kind: 'memory' });
    expect(store.persistence).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });
});
