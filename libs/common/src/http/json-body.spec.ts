import { ApiError } from '../errors/api-error';
import { MAX_JSON_DEPTH, normaliseJsonBody } from './json-body';

const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { inner: nested(depth - 1) });

/** The problem detail the body was refused with, or undefined when it was accepted. */
function refusal(body: unknown): string | undefined {
  try {
    normaliseJsonBody(body);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('MALFORMED_JSON');
    return (error as ApiError).detail;
  }
}

describe(normaliseJsonBody.name, () => {
  it('drops null members at any depth, keeping everything else', () => {
    expect(normaliseJsonBody({ a: null, b: 0, c: '', d: false, e: { f: null, g: [null, 1] } })).toEqual({
      b: 0,
      c: '',
      d: false,
      e: { g: [null, 1] },
    });
  });

  it('accepts nesting up to the bound and refuses deeper', () => {
    expect(refusal(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(refusal(nested(MAX_JSON_DEPTH + 1))).toMatch(/nested deeper/);
  });

  it.each([
    ['a value', { title: 'a\ud800b' }],
    ['a key', { ['\udc00']: 1 }],
    ['an array item', ['ok', '\ud83d']],
  ])('refuses a lone surrogate in %s', (_case, body) => {
    expect(refusal(body)).toMatch(/malformed Unicode/);
  });

  it('accepts well-formed astral characters', () => {
    expect(normaliseJsonBody({ title: '😀 题' })).toEqual({ title: '😀 题' });
  });
});
