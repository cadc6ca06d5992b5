import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * `size` cryptographically random bytes (a copy, at most 256), cut from a pool filled 4 KB at a time:
 * one call into OpenSSL per couple of hundred upload ids or IVs instead of one each (as
 * crypto.randomUUID does internally). Node has no public pooled randomBytes; hence these lines.
 */
export function pooledRandomBytes(size: number): Buffer {
  if (size > 256) throw new RangeError('pooledRandomBytes serves at most 256 bytes');
  if (offset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  // Served bytes are wiped from the pool, so nothing that was handed out stays readable there.
  pool.fill(0, offset, offset + size);
  offset += size;
  return bytes;
}
