import { randomBytes } from 'node:crypto';
import { keyId } from '@app/config';
import { EnvelopeCipher, EnvelopeError } from './envelope-cipher';

const key = () => {
  const bytes = randomBytes(32);
  return { id: keyId(bytes), key: bytes };
};

describe(EnvelopeCipher.name, () => {
  const current = key();
  const previous = key();

  it('round-trips and never shows the plaintext', () => {
    const sut = new EnvelopeCipher([current]);
    const envelope = sut.seal('{"secretKey":"s3cr3t"}', 'k1');
    expect(envelope).toMatch(new RegExp(`^v1\\.${current.id}\\.`));
    expect(envelope).not.toContain('s3cr3t');
    expect(sut.open(envelope, 'k1')).toBe('{"secretKey":"s3cr3t"}');
  });

  it('uses a fresh IV every time', () => {
    const sut = new EnvelopeCipher([current]);
    expect(sut.seal('same', 'k')).not.toBe(sut.seal('same', 'k'));
  });

  it('binds the envelope to its context (store key)', () => {
    const sut = new EnvelopeCipher([current]);
    expect(() => sut.open(sut.seal('x', 'k1'), 'k2')).toThrow(EnvelopeError);
  });

  it('refuses a tampered envelope', () => {
    const sut = new EnvelopeCipher([current]);
    const parts = sut.seal('hello world', 'k').split('.');
    parts[3] = Buffer.from('jello world').toString('base64url');
    expect(() => sut.open(parts.join('.'), 'k')).toThrow(EnvelopeError);
  });

  it('opens envelopes of a previous key after rotation and seals with the new one', () => {
    const old = new EnvelopeCipher([previous]).seal('kept', 'k');
    const rotated = new EnvelopeCipher([current, previous]);
    expect(rotated.open(old, 'k')).toBe('kept');
    expect(rotated.seal('new', 'k').split('.')[1]).toBe(current.id);
    expect(() => new EnvelopeCipher([current]).open(old, 'k')).toThrow(EnvelopeError);
  });
});
