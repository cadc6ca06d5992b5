import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import { pooledRandomBytes } from '@app/common';
import type { EncryptionKey } from '@app/config';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

/**
 * AES-256-GCM envelopes for values at rest: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url).
 * Sealed with the first key; opened with whichever key the envelope names, so keys rotate by
 * prepending a new one. The context (the store key) is authenticated data: an envelope copied
 * to another key does not open.
 */
export class EnvelopeCipher {
  /** KeyObjects made once: given a raw Buffer, Node 24 spends more on preparing the key than on sealing. */
  private readonly byId: Map<string, KeyObject>;
  private readonly current: { id: string; key: KeyObject };

  constructor(keys: readonly EncryptionKey[]) {
    if (keys.length === 0) throw new RangeError('EnvelopeCipher needs at least one key');
    this.byId = new Map(keys.map((key) => [key.id, createSecretKey(key.key)]));
    this.current = { id: keys[0].id, key: this.byId.get(keys[0].id)! };
  }

  seal(plaintext: string, context: string): string {
    const { id, key } = this.current;
    const iv = pooledRandomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, id, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  open(envelope: string, context: string): string {
    const [version, id, iv, ciphertext, tag] = envelope.split('.');
    const key = this.byId.get(id);
    if (version !== VERSION || !key || tag === undefined) throw new EnvelopeError('unreadable envelope (unknown version or key)');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new EnvelopeError('envelope failed authentication');
    }
  }
}
