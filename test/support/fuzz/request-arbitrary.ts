import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { arbitraryFor, type Components, type Schema } from './schema-arbitrary';

/** One request as fetch sends it. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

interface Operation {
  method: string;
  path: string;
  parameters: { in: string; name: string }[];
  body?: Schema;
}

/** Every operation of the committed OpenAPI document: a new route is fuzzed without touching this file. */
export function openApiOperations(): { operations: Operation[]; components: Components } {
  const document = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'openapi.json'), 'utf8')) as {
    paths: Record<
      string,
      Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>
    >;
    components: { schemas: Components };
  };
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      parameters: operation.parameters ?? [],
      body: operation.requestBody?.content['application/json']?.schema,
    })),
  );
  return { operations, components: document.components.schemas };
}

/** Printable ASCII (what fetch lets through in a header value), with the characters of our own syntax weighted in. */
const headerText = (maxLength = 40) =>
  fc.string({
    unit: fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
      fc.constantFrom('"', ',', ';', '=', '\t'),
    ),
    maxLength,
  });

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64url');

export interface TokenKit {
  /** A valid bearer token for `sub`. */
  valid(sub: string): string;
  /** A token signed with the right secret but `header` and `payload` as given. */
  signed(header: Record<string, unknown>, payload: Record<string, unknown>): string;
}

function authorization(tokens: TokenKit): fc.Arbitrary<string | undefined> {
  const now = Math.floor(Date.now() / 1000);
  return fc.oneof(
    { weight: 14, arbitrary: fc.integer({ min: 0, max: 299 }).map((user) => `Bearer ${tokens.valid(`fuzz-user-${user}`)}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 3,
      arbitrary: fc.oneof(
        fc.constantFrom(
          'Bearer eyJ0eXAiOiJKV1QifQ.eA.x',
          `Bearer ${b64('{"alg":"none"}')}.${b64('{"sub":"a","exp":9999999999}')}.`,
          `Bearer ${b64('[]')}.${b64('{}')}.x`,
          `Bearer ${b64(Buffer.from([0xff, 0xfe]))}.${b64('{}')}.x`,
          'Bearer a.b.c',
          'Bearer ',
          'Basic dXNlcjpwYXNz',
          `Bearer ${'e'.repeat(8_000)}.e.e`,
          'bearer x.y.z',
        ),
        fc.constantFrom(
          tokens.signed({ alg: 'HS256', typ: 'JWT', crit: ['x-unknown'] }, { sub: 'crit', exp: now + 600 }),
          tokens.signed({ alg: 'HS256' }, { sub: 'expired', exp: now - 600 }),
          tokens.signed({ alg: 'HS256' }, { sub: '', exp: now + 600 }),
          tokens.signed({ alg: 'HS256' }, { sub: 'a\u0000b', exp: now + 600 }),
          tokens.signed({ alg: 'HS256' }, { sub: 'x'.repeat(300), exp: now + 600 }),
          tokens.signed({ alg: 'HS256' }, { sub: 'nbf', exp: now + 600, nbf: now + 600 }),
          tokens.signed({ alg: 'HS256' }, { sub: 'no-exp' }),
          tokens.signed({ alg: 'HS256' }, { sub: 'scoped', exp: now + 600, scope: { $ne: 1 } }),
        ),
        headerText(60).map((text) => `Bearer ${text}`),
      ),
    },
  );
}

const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=UTF-16',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset="utf-8"; x=y',
      '',
    ),
  },
  { weight: 1, arbitrary: headerText(30) },
);

/** The body bytes: mostly the JSON of a schema-shaped value, sometimes bytes no JSON parser should accept. */
function bodyBytes(value: fc.Arbitrary<unknown>): fc.Arbitrary<Uint8Array> {
  const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
  return fc.oneof(
    { weight: 12, arbitrary: value.map((item) => utf8(JSON.stringify(item) ?? 'null')) },
    {
      weight: 3,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 60 }).map(utf8),
        fc.uint8Array({ maxLength: 60 }),
        value.map((item) => utf8(`${JSON.stringify(item) ?? ''}`.replace(/^\{/, '{"a":1,"a":2,'))),
        value.map((item) => new Uint8Array([...utf8(JSON.stringify(item) ?? '').subarray(0, 10), 0xc0, 0xaf, ...utf8('"}')])),
        fc.integer({ min: 10, max: 3_000 }).map((depth) => utf8(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
        fc.constantFrom('', ' ', 'null', '{}', '[]', '"x"', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}').map(utf8),
        fc.constant(utf8(`{"title":"${'a'.repeat(20_000)}"}`)),
      ),
    },
  );
}

/** `arbitrary` once in `oneIn` cases, else null (fc.option's freq is the other way round). */
const rarely = <T>(arbitrary: fc.Arbitrary<T>, oneIn: number) =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

/** A path parameter: an id of ours or of a provider, or text that is nothing of the kind. */
const pathParameter = fc.oneof(
  fc.stringMatching(/^upl_[A-Za-z0-9_-]{22}$/),
  fc.stringMatching(/^[0-9a-f]{32}$/),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom('%E0%A4%A', '%00', '..', '%2e%2e%2f', 'a'.repeat(250), '%ZZ', '%F0%9F%98'),
);

export function requestArbitrary(tokens: TokenKit): fc.Arbitrary<FuzzRequest> {
  const { operations, components } = openApiOperations();
  const perOperation = operations.map((operation) =>
    fc
      .record({
        params: fc.array(pathParameter, { minLength: 3, maxLength: 3 }),
        query: rarely(fc.dictionary(fc.constantFrom('status', 'provider', 'limit', 'cursor', 'x'), headerText(20), { maxKeys: 3 }), 2),
        authorization: authorization(tokens),
        contentType,
        body: fc.option(bodyBytes(operation.body ? arbitraryFor(operation.body, components) : fc.jsonValue({ maxDepth: 2 })), { freq: 8 }),
        idempotencyKey: rarely(fc.oneof(fc.uuid(), headerText(20), fc.constant('x'.repeat(300))), 4),
        requestId: rarely(headerText(40), 5),
        extraHeaders: rarely(
          fc.dictionary(
            fc.constantFrom('x-vod-timestamp', 'x-vod-signature', 'x-ice-timestamp', 'x-ice-signature', 'x-forwarded-for', 'accept'),
            headerText(30),
            { maxKeys: 2 },
          ),
          3,
        ),
        wrongMethod: rarely(fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'), 12),
      })
      .map(({ params, query, authorization: auth, contentType: type, body, idempotencyKey, requestId, extraHeaders, wrongMethod }) => {
        let index = 0;
        let path = operation.path.replace(/\{[^}]+\}/g, () => params[index++]);
        if (query) path += `?${new URLSearchParams(query).toString()}`;
        const method = wrongMethod ?? operation.method;
        const headers: Record<string, string> = { ...(extraHeaders ?? {}) };
        if (auth !== undefined) headers.authorization = auth;
        if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
        if (requestId) headers['x-request-id'] = requestId;
        const sendsBody = body !== null && method !== 'GET' && method !== 'HEAD';
        if (sendsBody && type !== '') headers['content-type'] = type;
        return { method, path, headers, body: sendsBody ? body : undefined };
      }),
  );
  const elsewhere = fc.record({
    method: fc.constantFrom('GET', 'POST', 'DELETE'),
    path: fc.oneof(
      fc.constantFrom('/metrics', '/docs-json', '/', '/v1', '/v1/uploads/', '//v1//me', '/v1/me?x=%00'),
      fc.string({ maxLength: 20 }).map((text) => `/${encodeURIComponent(text)}`),
    ),
    headers: fc.constant({}),
  });
  return fc.oneof({ weight: 20, arbitrary: fc.oneof(...perOperation) }, { weight: 1, arbitrary: elsewhere });
}
