import { ApiError } from '../errors/api-error';
import { hasDuplicateKey, MAX_JSON_DEPTH, normaliseJsonBody } from './json-body';

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

describe(hasDuplicateKey.name, () => {
  it.each([['{"a":1,"a":2}'], ['{"a":1,"\\u0061":2}'], ['[{"x":{"b":[1,{"c":0,"c":1}]}}]'], ['{"a":"\\"a\\"","b":{},"b":1}']])(
    'finds the repeated key in %s',
    (json) => {
      expect(hasDuplicateKey(json)).toBe(true);
    },
  );

  it.each([['{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}'], ['{"a":"a,\\"a\\":1"}'], ['["a","a"]'], ['"a"'], ['{}']])(
    'finds none in %s',
    (json) => {
      expect(hasDuplicateKey(json)).toBe(false);
    },
  );
});

describe('bidirectional controls', () => {
  it('are refused with the path of the field', () => {
    expect(() => normaliseJsonBody({ fileInfo: { name: 'a\u202eb' } })).toThrow(
      expect.objectContaining({ details: { errors: [expect.objectContaining({ field: 'fileInfo.name' })] } }),
    );
    expect(() => normaliseJsonBody({ tags: ['ok', '\u2066x'] })).toThrow(
      expect.objectContaining({ details: { errors: [expect.objectContaining({ field: 'tags[1]' })] } }),
    );
  });
});
