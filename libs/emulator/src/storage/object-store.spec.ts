import { createHash } from 'node:crypto';
import { ObjectStore } from './object-store';

const DIALECT = { etag: (md5: Buffer) => `"${md5.toString('hex')}"`, minPartBytes: 4, maxParts: 3 };
const md5Hex = (data: Buffer) => createHash('md5').update(data).digest('hex');

describe(ObjectStore.name, () => {
  let sut: ObjectStore;
  const bytes = (text: string) => Buffer.from(text);

  beforeEach(() => {
    sut = new ObjectStore(DIALECT, 20);
  });

  it('stores an object under its bucket and key, with the dialect ETag', () => {
    sut.put('b', 'k', bytes('hello'), 'text/plain');
    expect(sut.get('b', 'k')).toMatchObject({ data: bytes('hello'), etag: `"${md5Hex(bytes('hello'))}"`, contentType: 'text/plain' });
    expect(sut.get('other', 'k')).toBeUndefined();
  });

  it('deletes an object once, freeing its bytes for others', () => {
    sut.put('b', 'k', bytes('x'.repeat(15)), 'text/plain');
    expect(sut.delete('b', 'k')).toBe(true);
    expect(sut.get('b', 'k')).toBeUndefined();
    expect(sut.delete('b', 'k')).toBe(false);
    sut.put('b', 'old', bytes('x'.repeat(10)), 'text/plain');
    sut.put('b', 'new', bytes('y'.repeat(10)), 'text/plain');
    expect(sut.get('b', 'old')).toBeDefined();
  });

  it('assembles parts in the listed order, with the S3 multipart ETag, and forgets the upload', () => {
    const upload = sut.initiate('b', 'k', 'video/mp4');
    const first = sut.uploadPart(upload, 1, bytes('aaaa'));
    const second = sut.uploadPart(upload, 2, bytes('bb'));
    if (typeof first === 'string' || typeof second === 'string') throw new Error('a part was refused');

    const object = sut.complete(upload, [
      { partNumber: 1, etag: first.etag },
      { partNumber: 2, etag: second.etag.replace(/"/g, '') },
    ]);

    const expected = createHash('md5')
      .update(Buffer.concat([Buffer.from(md5Hex(bytes('aaaa')), 'hex'), Buffer.from(md5Hex(bytes('bb')), 'hex')]))
      .digest('hex');
    expect(object).toMatchObject({ data: bytes('aaaabb'), etag: `"${expected}-2"`, contentType: 'video/mp4' });
    expect(sut.upload(upload.uploadId, 'b', 'k')).toBeUndefined();
  });

  it.each([
    ['a part number out of range', (upload: never) => sut.uploadPart(upload, 4, bytes('x')), 'InvalidPartNumber'],
    [
      'parts out of order',
      (upload: never) =>
        sut.complete(upload, [
          { partNumber: 2, etag: '' },
          { partNumber: 1, etag: '' },
        ]),
      'InvalidPartOrder',
    ],
    ['a part never uploaded', (upload: never) => sut.complete(upload, [{ partNumber: 3, etag: '' }]), 'InvalidPart'],
    ['a wrong ETag', (upload: never) => sut.complete(upload, [{ partNumber: 1, etag: '"0"' }]), 'InvalidPart'],
  ])('refuses %s', (_case, act, refusal) => {
    const upload = sut.initiate('b', 'k', '');
    sut.uploadPart(upload, 1, bytes('aaaa'));
    sut.uploadPart(upload, 2, bytes('b'));
    expect(act(upload as never)).toBe(refusal);
  });

  it('refuses a part below the minimum size unless it is the last', () => {
    const upload = sut.initiate('b', 'k', '');
    const small = sut.uploadPart(upload, 1, bytes('aa')) as { etag: string };
    const last = sut.uploadPart(upload, 2, bytes('b')) as { etag: string };
    expect(
      sut.complete(upload, [
        { partNumber: 1, etag: small.etag },
        { partNumber: 2, etag: last.etag },
      ]),
    ).toBe('EntityTooSmall');
    expect(sut.complete(upload, [{ partNumber: 1, etag: small.etag }])).toMatchObject({ data: bytes('aa') });
  });

  it('finds an upload only for its own object, and lists uploads by prefix', () => {
    const upload = sut.initiate('b', 'dir/k', '');
    expect(sut.upload(upload.uploadId, 'b', 'dir/other')).toBeUndefined();
    expect(sut.upload(null, 'b', 'dir/k')).toBeUndefined();
    expect(sut.uploadsIn('b', 'dir/').map((found) => found.uploadId)).toEqual([upload.uploadId]);
    expect(sut.uploadsIn('b', 'else/')).toEqual([]);
  });

  it('forgets the oldest objects past its byte budget, never the one just stored', () => {
    sut.put('b', 'old', Buffer.alloc(8), '');
    sut.put('b', 'middle', Buffer.alloc(8), '');
    sut.put('b', 'new', Buffer.alloc(8), '');
    expect(sut.get('b', 'old')).toBeUndefined();
    expect(sut.get('b', 'middle')).toBeDefined();
    sut.put('b', 'huge', Buffer.alloc(30), '');
    expect(sut.get('b', 'huge')).toBeDefined();
    expect(sut.get('b', 'new')).toBeUndefined();
  });
});
