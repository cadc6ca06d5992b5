import type { IndexEntry } from '../store.types';

interface Index {
  members: Map<string, number>;
  /** Absolute clock time (ms) after which the whole index is gone, as Redis PEXPIRE. */
  expiresAt: number;
}

/** Sorted indexes that expire as a whole, the in-process twin of Redis sorted sets with PEXPIRE. */
export class ExpiringIndexes {
  private readonly indexes = new Map<string, Index>();

  constructor(private readonly now: () => number) {}

  add(key: string, member: string, score: number, ttlMs: number): void {
    const index = this.live(key) ?? { members: new Map<string, number>(), expiresAt: 0 };
    index.members.set(member, score);
    index.expiresAt = this.now() + ttlMs;
    this.indexes.set(key, index);
  }

  /** Highest score first; ties by member descending, as ZREVRANGEBYSCORE orders them. */
  range(key: string, maxScore: number, count: number): IndexEntry[] {
    const index = this.live(key);
    if (!index) return [];
    return [...index.members]
      .filter(([, score]) => score <= maxScore)
      .map(([member, score]) => ({ member, score }))
      .sort((a, b) => b.score - a.score || (a.member < b.member ? 1 : a.member > b.member ? -1 : 0))
      .slice(0, count);
  }

  remove(key: string, members: readonly string[]): void {
    const index = this.live(key);
    if (!index) return;
    for (const member of members) index.members.delete(member);
    // Redis deletes a sorted set with its last member.
    if (index.members.size === 0) this.indexes.delete(key);
  }

  sweep(): void {
    for (const key of this.indexes.keys()) this.live(key);
  }

  clear(): void {
    this.indexes.clear();
  }

  private live(key: string): Index | undefined {
    const index = this.indexes.get(key);
    if (index && this.now() > index.expiresAt) {
      this.indexes.delete(key);
      return undefined;
    }
    return index;
  }
}
