import { Injectable } from '@nestjs/common';
import { Store } from '../store';
import { EnvelopeCipher, EnvelopeError } from './envelope-cipher';

/**
 * JSON records that could be used to upload (replayable credentials, Tencent session keys),
 * kept in the store only as AES-256-GCM envelopes bound to their key.
 */
@Injectable()
export class SealedRecords {
  private replicatedRecords: SealedRecords | undefined;

  constructor(
    private readonly store: Store,
    private readonly cipher: EnvelopeCipher,
  ) {}

  /** These records through `Store.replicated`: for writes that acknowledge something (REDIS_WAIT_REPLICAS). */
  get replicated(): SealedRecords {
    if (this.store.replicated === this.store) return this;
    this.replicatedRecords ??= new SealedRecords(this.store.replicated, this.cipher);
    return this.replicatedRecords;
  }

  get waitsForReplicas(): boolean {
    return this.store.waitsForReplicas;
  }

  /** Seals a value for `key`; the envelope string is what the store holds (keep it to release a lock). */
  seal(key: string, value: unknown): string {
    return this.cipher.seal(JSON.stringify(value), key);
  }

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.read<T>(key))?.value;
  }

  /** The value and the envelope it was read from, for a compare-and-set with `replace`. */
  async read<T>(key: string): Promise<{ value: T; envelope: string } | undefined> {
    const envelope = await this.store.get(key);
    if (envelope === null) return undefined;
    const value = this.open<T>(key, envelope);
    return value === undefined ? undefined : { value, envelope };
  }

  /** The value of an envelope `key` held (read some other way: a claim found it taken). */
  open<T>(key: string, envelope: string): T | undefined {
    try {
      return JSON.parse(this.cipher.open(envelope, key)) as T;
    } catch (error) {
      // An envelope from a retired key, or tampered with: as good as absent.
      if (error instanceof EnvelopeError || error instanceof SyntaxError) return undefined;
      throw error;
    }
  }

  /** Writes `value` only while the key still holds `envelope` (as read), keeping the key's TTL. */
  replace(key: string, envelope: string, value: unknown): Promise<boolean> {
    return this.store.replaceIfEquals(key, envelope, this.seal(key, value));
  }

  /** Compare-and-set of envelopes (from `seal`): `next` only while the key holds `expected`; `ttlMs` renews its lifetime. */
  swap(key: string, expected: string, next: string, ttlMs?: number): Promise<boolean> {
    return this.store.replaceIfEquals(key, expected, next, ttlMs);
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<string> {
    const envelope = this.seal(key, value);
    await this.store.set(key, envelope, ttlMs);
    return envelope;
  }

  /** Writes only if absent. Returns the envelope written, or undefined when the key was taken. */
  async setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<string | undefined> {
    const envelope = this.seal(key, value);
    return (await this.store.setIfAbsent(key, envelope, ttlMs)) ? envelope : undefined;
  }

  delete(key: string): Promise<void> {
    return this.store.delete(key);
  }

  deleteIfEquals(key: string, envelope: string): Promise<boolean> {
    return this.store.deleteIfEquals(key, envelope);
  }
}
