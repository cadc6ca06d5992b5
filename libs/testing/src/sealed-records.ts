import { randomBytes } from 'node:crypto';
import { keyId } from '@app/config';
import { EnvelopeCipher, SealedRecords, type Store } from '@app/store';

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
