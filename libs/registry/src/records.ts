/** Object.keys with the keys' type, for the registries: literal objects, so no other key can appear. */
export function keysOf<T extends object>(object: T): (keyof T)[] {
  return Object.keys(object) as (keyof T)[];
}

/** A record with one entry per key, typed as complete (Object.fromEntries types its keys as string). */
export function recordOf<K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((key) => [key, value(key)])) as Record<K, V>;
}
