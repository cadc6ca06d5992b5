export interface Entry {
  value: string;
  /** Absolute clock time (ms) after which the entry is gone, as Redis PX expiry. */
  expiresAt: number;
}

/** A Map whose entries all expire: dropped lazily on read and by sweep(). */
export class ExpiringMap {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() > entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, value: string, ttlMs: number): void {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  /** Changes the value and keeps the expiry, as INCR and DECR do. */
  replaceValue(key: string, entry: Entry, value: string): void {
    this.entries.set(key, { value, expiresAt: entry.expiresAt });
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  /** Drops expired entries nobody reads any more, so memory does not grow without bound. */
  sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (now > entry.expiresAt) this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
