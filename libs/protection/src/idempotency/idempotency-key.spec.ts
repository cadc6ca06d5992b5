import { parseIdempotencyKey, referenceIdFor } from './idempotency-key';

describe(parseIdempotencyKey.name, () => {
  it('accepts a token or a structured-field string', () => {
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(parseIdempotencyKey('"abc"')).toBe('abc');
  });

  it.each([[''], ['""'], ['a b'], ['é'], [['a', 'b']]])('refuses %j', (raw) => {
    expect(() => parseIdempotencyKey(raw as string)).toThrow('The request is invalid');
  });
});

describe(referenceIdFor.name, () => {
  it('is stable per (user, key), distinct across users, and a valid Alibaba ReferenceId', () => {
    const id = referenceIdFor('alice', 'k1');
    expect(id).toBe(referenceIdFor('alice', 'k1'));
    expect(id).not.toBe(referenceIdFor('bob', 'k1'));
    expect(id).toMatch(/^[A-Za-z0-9_-]{6,64}$/);
  });
});
