import { pooledRandomBytes } from './random-pool';
import { newUploadId, UPLOAD_ID_PATTERN } from './upload-id';

describe('pooledRandomBytes', () => {
  it('hands out the asked number of bytes, never the same bytes twice, across many pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const bytes = pooledRandomBytes(12 + (i % 5));
      expect(bytes).toHaveLength(12 + (i % 5));
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(2_000);
  });

  it('returns copies: changing one leaves the next untouched', () => {
    const first = pooledRandomBytes(16);
    first.fill(0);
    expect(pooledRandomBytes(16).equals(Buffer.alloc(16))).toBe(false);
  });

  it('refuses sizes beyond what a pool serves', () => {
    expect(() => pooledRandomBytes(257)).toThrow(RangeError);
  });

  it('gives upload ids of the documented shape, all distinct', () => {
    const ids = Array.from({ length: 1_000 }, newUploadId);
    expect(ids.every((id) => UPLOAD_ID_PATTERN.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(1_000);
  });
});
