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

  it('leaves no record behind when the index write fails', async () => {
    const store = new MemoryStore('test:');
    const { repository } = testUploadRecords(store);
    jest.spyOn(store, 'indexAdd').mockRejectedValueOnce(new Error('store down'));
    await expect(repository.create(record('upl_BBBBBBBBBBBBBBBBBBBBBB'))).rejects.toThrow('store down');
    expect(await repository.find('upl_BBBBBBBBBBBBBBBBBBBBBB')).toBeUndefined();
  });

  it('leaves no index entry behind when the record write fails, or the id exists already', async () => {
    const store = new MemoryStore('test:');
    const { repository } = testUploadRecords(store);
    const spy = jest.spyOn(store, 'setIfAbsent').mockRejectedValueOnce(new Error('store down'));
    await expect(repository.create(record('upl_CCCCCCCCCCCCCCCCCCCCCC'))).rejects.toThrow('store down');
    spy.mockRestore();
    await repository.create(record('upl_DDDDDDDDDDDDDDDDDDDDDD'));
    await expect(repository.create({ ...record('upl_DDDDDDDDDDDDDDDDDDDDDD'), ownerId: 'mallory' })).rejects.toThrow('exists already');
    expect((await repository.ownerPage('alice', Number.MAX_SAFE_INTEGER, 10)).map((entry) => entry.member)).toEqual([
      'upl_DDDDDDDDDDDDDDDDDDDDDD',
    ]);
    expect(await repository.ownerPage('mallory', Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
  });
});
