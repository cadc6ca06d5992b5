import calculateSlot from 'cluster-key-slot';
import { digest } from '@app/protection';
import { MemoryStore } from '@app/store';
import { testUploadRecords } from '@app/testing';
import type { UploadRecord } from './upload-record';

const record = (uploadId: string): UploadRecord => ({
  uploadId,
  ownerId: 'alice',
  provider: 'tencent-vod',
  kind: 'tencent-vod-signature',
  status: 'issued',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
});

describe('UploadRecordsRepository.create', () => {
  it('writes the record and its place in the owner index', async () => {
    const { repository } = testUploadRecords();
    await repository.create(record('upl_AAAAAAAAAAAAAAAAAAAAAA'));
    expect(await repository.find('upl_AAAAAAAAAAAAAAAAAAAAAA')).toMatchObject({ ownerId: 'alice', status: 'issued' });
    expect((await repository.ownerPage('alice', Number.MAX_SAFE_INTEGER, 10)).map((entry) => entry.member)).toEqual([
      'upl_AAAAAAAAAAAAAAAAAAAAAA',
    ]);
  });

  it('writes nothing when the store fails', async () => {
    const store = new MemoryStore('test:');
    const { repository } = testUploadRecords(store);
    jest.spyOn(store, 'claim').mockRejectedValueOnce(new Error('store down'));
    await expect(repository.create(record('upl_BBBBBBBBBBBBBBBBBBBBBB'))).rejects.toThrow('store down');
    expect(await repository.find('upl_BBBBBBBBBBBBBBBBBBBBBB')).toBeUndefined();
    expect(await repository.ownerPage('alice', Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
  });

  it('writes nothing when a key claimed with the record exists, and says which', async () => {
    const store = new MemoryStore('test:');
    const { repository } = testUploadRecords(store);
    await store.set('nonce', 'earlier', 60_000);
    const claims = [{ key: 'nonce', value: '1', ttlMs: 60_000 }];
    expect(await repository.create(record('upl_EEEEEEEEEEEEEEEEEEEEEE'), { claims })).toEqual({
      outcome: 'taken',
      key: 'nonce',
      value: 'earlier',
    });
    expect(await repository.find('upl_EEEEEEEEEEEEEEEEEEEEEE')).toBeUndefined();
    expect(await repository.ownerPage('alice', Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
  });

  it('gives a new id in the Cluster slot of its owner’s index', () => {
    const { repository } = testUploadRecords();
    const id = repository.newId('alice');
    expect(id).toMatch(/^upl_[A-Za-z0-9_-]{22}$/);
    expect(calculateSlot(`upload:{${id}}`)).toBe(calculateSlot(`uploads:{${digest('alice')}}`));
  });

  it('leaves no index entry behind when the id exists already', async () => {
    const { repository } = testUploadRecords();
    await repository.create(record('upl_DDDDDDDDDDDDDDDDDDDDDD'));
    await expect(repository.create({ ...record('upl_DDDDDDDDDDDDDDDDDDDDDD'), ownerId: 'mallory' })).rejects.toThrow('exists already');
    expect((await repository.ownerPage('alice', Number.MAX_SAFE_INTEGER, 10)).map((entry) => entry.member)).toEqual([
      'upl_DDDDDDDDDDDDDDDDDDDDDD',
    ]);
    expect(await repository.ownerPage('mallory', Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
  });
});

describe('UploadRecordsRepository.attach', () => {
  const ids = { fileId: '5285890784273533167' };

  it('changes the record it created from the envelope it wrote, without reading it back, and links the ids', async () => {
    const store = new MemoryStore('test:');
    const { repository } = testUploadRecords(store);
    const created = await repository.create(record('upl_FFFFFFFFFFFFFFFFFFFFFF'));
    if (created.outcome !== 'claimed') throw new Error(`not claimed: ${created.outcome}`);
    const reads = jest.spyOn(store, 'get');
    await repository.attach(record('upl_FFFFFFFFFFFFFFFFFFFFFF'), ids, created.envelope);
    expect(reads).not.toHaveBeenCalled();
    expect(await repository.find('upl_FFFFFFFFFFFFFFFFFFFFFF')).toMatchObject({ ...ids, status: 'issued' });
    expect(await repository.findLinked('tencent-vod', 'fileId', ids.fileId)).toBe('upl_FFFFFFFFFFFFFFFFFFFFFF');
  });

  it('reads and changes the record as it is now when it changed since it was created', async () => {
    const { repository } = testUploadRecords();
    const created = await repository.create(record('upl_GGGGGGGGGGGGGGGGGGGGGG'));
    if (created.outcome !== 'claimed') throw new Error(`not claimed: ${created.outcome}`);
    await repository.update('upl_GGGGGGGGGGGGGGGGGGGGGG', (current) => ({ ...current, status: 'uploaded' }));
    await repository.attach(record('upl_GGGGGGGGGGGGGGGGGGGGGG'), ids, created.envelope);
    // The change made meanwhile is kept: the stale envelope wrote nothing.
    expect(await repository.find('upl_GGGGGGGGGGGGGGGGGGGGGG')).toMatchObject({ ...ids, status: 'uploaded' });
  });
});
