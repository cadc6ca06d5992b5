import type { OpenAPI3, OperationObject } from 'openapi-typescript';
import { clientOperations, renderClientOperations } from './client-operations';

const OK = { '200': { description: 'Done.' } };

function document(paths: OpenAPI3['paths'], more: Partial<OpenAPI3> = {}): OpenAPI3 {
  return { openapi: '3.0.0', info: { title: 'test', version: '1' }, paths, ...more };
}

describe(clientOperations.name, () => {
  it('reads each operation an app calls: path parameters in path order, query, body, Idempotency-Key, public', () => {
    const sut = clientOperations(
      document(
        {
          '/v1/things/{thingId}/parts/{partId}': {
            parameters: [{ $ref: '#/components/parameters/PartId' }, { name: 'thingId', in: 'path', required: true }],
            post: {
              operationId: 'renamePart',
              parameters: [
                { name: 'thingId', in: 'path', required: true, description: 'Overrides the shared one.' },
                { name: 'dryRun', in: 'query' },
                { name: 'Idempotency-Key', in: 'header' },
              ],
              requestBody: { required: true, content: { 'application/json': {} } },
              responses: OK,
            },
            get: { operationId: 'getPart', security: [], responses: OK },
          },
          '/v1/things': {
            get: { operationId: 'findThings', parameters: [{ name: 'name', in: 'query', required: true }], responses: OK },
            post: { operationId: 'makeThing', requestBody: { content: { 'application/json': {} } }, responses: OK },
          },
        },
        { security: [{ bearer: [] }], components: { parameters: { PartId: { name: 'partId', in: 'path', required: true } } } },
      ),
    );

    expect(sut.map(({ doc: _doc, ...operation }) => operation)).toEqual([
      {
        id: 'renamePart',
        method: 'post',
        path: '/v1/things/{thingId}/parts/{partId}',
        pathParams: ['thingId', 'partId'],
        query: 'optional',
        body: 'required',
        idempotencyKey: true,
        public: false,
      },
      expect.objectContaining({ id: 'getPart', method: 'get', body: 'none', query: 'none', idempotencyKey: false, public: true }),
      expect.objectContaining({ id: 'findThings', pathParams: [], query: 'required', public: false }),
      expect.objectContaining({ id: 'makeThing', body: 'optional' }),
    ]);
  });

  it('leaves out the callbacks the clouds call (tag events)', () => {
    const sut = clientOperations(
      document({
        '/v1/events/x': { post: { operationId: 'receiveEvent', tags: ['events'], responses: OK } },
        '/healthz': { get: { operationId: 'getLiveness', tags: ['health'], security: [], responses: OK } },
      }),
    );

    expect(sut.map(({ id }) => id)).toEqual(['getLiveness']);
  });

  it('documents a method with the summary, the description, what a success answers, the route and its path parameters', () => {
    const [sut] = clientOperations(
      document({
        '/v1/things/{thingId}': {
          delete: {
            operationId: 'removeThing',
            summary: 'Remove a thing.',
            description: 'Gone for good: */ is escaped.',
            parameters: [{ name: 'thingId', in: 'path', required: true, description: 'Its id.' }],
            responses: { '204': { description: 'Removed.' }, '404': { description: 'No such thing.' } },
          },
        },
      }),
    );

    expect(sut.doc).toEqual([
      'Remove a thing.',
      '',
      'Gone for good: *\\/ is escaped.',
      '',
      '204: Removed.',
      '',
      '`DELETE /v1/things/{thingId}`',
      '@param thingId Its id.',
    ]);
  });

  it.each([
    ['no operationId', { responses: OK }, 'GET /v1/x has no operationId'],
    [
      'a cookie',
      { operationId: 'x', parameters: [{ name: 'session', in: 'cookie' }], responses: OK },
      'x: the client cannot send the cookie session',
    ],
    [
      'another header',
      { operationId: 'x', parameters: [{ name: 'X-Trace', in: 'header' }], responses: OK },
      'x: the client cannot send the header X-Trace',
    ],
    [
      'a body other than JSON',
      { operationId: 'x', requestBody: { content: { 'multipart/form-data': {} } }, responses: OK },
      'x: the client sends JSON bodies only, not multipart/form-data',
    ],
    [
      'a path parameter the path does not have',
      { operationId: 'x', parameters: [{ name: 'id', in: 'path', required: true }], responses: OK },
      'x: the path parameters declared (id) are not those of /v1/x',
    ],
  ] as [string, OperationObject, string][])(
    'refuses an operation with %s, rather than write a method that cannot work',
    (_what, operation, message) => {
      expect(() => clientOperations(document({ '/v1/x': { get: operation } }))).toThrow(message);
    },
  );
});

describe(renderClientOperations.name, () => {
  it('refuses an operationId used twice: two methods cannot have one name', () => {
    const twice = document({
      '/a': { get: { operationId: 'same', responses: OK } },
      '/b': { get: { operationId: 'same', responses: OK } },
    });
    expect(() => renderClientOperations(twice)).toThrow('operationId same is used twice');
  });

  it('labels path arguments as TypeScript allows, keeping the names of the path', () => {
    const sut = renderClientOperations(
      document({
        '/v1/{upload-id}/{2nd}': {
          get: {
            operationId: 'get-part',
            parameters: [
              { name: 'upload-id', in: 'path', required: true },
              { name: '2nd', in: 'path', required: true },
            ],
            responses: OK,
          },
        },
      }),
    );

    expect(sut).toContain('    "get-part": [uploadId: string, _2nd: string];');
    expect(sut).toContain('        pathParams: ["upload-id", "2nd"],');
  });
});
