import fc from 'fast-check';

/** Bytes below the router: broken request lines, headers and framing, the ways llhttp refuses. */
export function rawRequestArbitrary(validToken: string): fc.Arbitrary<Buffer> {
  const method = fc.constantFrom('GET', 'POST', 'DELETE', 'BREW', 'G ET', '', 'CONNECT', 'PRI', 'get');
  const target = fc.oneof(
    fc.constantFrom(
      '/v1/me',
      '/healthz',
      '/v1/uploads/tencent-vod/signatures',
      '/v1/uploads',
      '*',
      'http://a/v1/me',
      '/v1/ me',
      '/v1/\u0000me',
    ),
    fc.string({ unit: 'binary', maxLength: 20 }).map((text) => `/${text}`),
  );
  const version = fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.x', 'HTTPS/1.1', '');
  const header = fc.oneof(
    fc.constantFrom(
      'Host: a',
      'Host: a',
      'Host: a\r\nHost: b',
      `Authorization: Bearer ${validToken}`,
      'Authorization: Bearer eyJ0eXAiOiJKV1QifQ.eA.x',
      'Content-Type: application/json',
      'Content-Type: application/json; charset=utf-16',
      'Content-Length: 0',
      'Content-Length: 5',
      'Content-Length: -1',
      'Content-Length: 1e3',
      'Content-Length: 99999999999999999999',
      'Content-Length: 2\r\nContent-Length: 3',
      'Transfer-Encoding: chunked',
      'Transfer-Encoding: gzip, chunked',
      'Transfer-Encoding: chunked, identity',
      'Expect: 100-continue',
      'Expect: teapot',
      'Connection: Upgrade\r\nUpgrade: websocket',
      `X-Big: ${'a'.repeat(17_000)}`,
      ' Folded: continuation',
      'No-Colon',
      'Bad Name: x',
    ),
    fc.tuple(fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 20 })).map(([name, value]) => `X-${name}: ${value}`),
  );
  const body = fc.oneof(
    fc.constantFrom('', '{}', '{"a":', '0\r\n\r\n', '5\r\nabcde\r\n0\r\n\r\n', 'zz\r\nab\r\n', '{"sessionContext":"ok"}'),
    fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  );
  return fc
    .tuple(method, target, version, fc.array(header, { maxLength: 6 }), body, fc.boolean())
    .map(([verb, path, http, headers, content, pipelined]) => {
      const request = `${verb} ${path} ${http}\r\n${headers.map((line) => `${line}\r\n`).join('')}\r\n${content}`;
      // Half the time, a second request follows on the same connection.
      return Buffer.from(pipelined ? `${request}GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n` : request, 'latin1');
    });
}
