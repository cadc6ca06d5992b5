import calculateSlot from 'cluster-key-slot';
import { CrossSlotKeysError } from '../errors/store-errors';

/**
 * Redis Cluster runs a script on the node owning its first key and refuses it (CROSSSLOT) when
 * another key lives elsewhere. Checking before sending names the keys and keeps the failure
 * from looking like an outage. `prefix` is REDIS_KEY_PREFIX, put before every key sent.
 */
export function assertSameSlot(keys: readonly string[], prefix: string): void {
  const slot = calculateSlot(prefix + keys[0]);
  if (keys.some((key) => calculateSlot(prefix + key) !== slot)) throw new CrossSlotKeysError(keys);
}
