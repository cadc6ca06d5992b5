import { randomBytes } from 'node:crypto';
import { keyId } from '@app/config';
import { EnvelopeCipher } from '../sealing/envelope-cipher';
import { SealedRecords } from '../sealing/sealed-records';
import type { Store } from '../store';

const perStore = new WeakMap<Store, SealedRecords>();

/** SealedRecords over a store with a throwaway key, the same one for every caller of that store (unit tests). */
export function testSealedRecords(store: Store): SealedRecords {
  let sealed = perStore.get(store);
  if (!sealed) {
    const key = randomBytes(32);
    sealed = new SealedRecords(store, new EnvelopeCipher([{ id: keyId(key), key }]));
    perStore.set(store, sealed);
  }
  return sealed;
}
