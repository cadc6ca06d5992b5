import { createHash } from 'node:crypto';

/** 32 bytes that look random (a hash of `seed`): what a test uses where the service wants a real key. */
export const testKeyBytes = (seed: string | number): Buffer => createHash('sha256').update(`test-key-${seed}`).digest();

/** The same, base64-encoded, as CACHE_ENCRYPTION_KEY takes it. */
export const testKey = (seed: string | number): string => testKeyBytes(seed).toString('base64');
