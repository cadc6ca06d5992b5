/**
 * `table[key]` for a client-supplied key, own entries only: `constructor` or `__proto__` must
 * read as "no such entry", never as Object.prototype's members.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}
