import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupFunction } from 'node:net';
import { WebhookSender } from './webhook-sender';

const HEADERS = { 'webhook-id': 'msg_1', 'webhook-timestamp': '1795000000', 'webhook-signature': 'v1,abc=' };

describe(WebhookSender.name, () => {
  let server: Server;
  let port: number;
  let requests: { path: string; headers: IncomingMessage['headers']; body: string }[];
  let answer: (request: IncomingMessage, response: ServerResponse) => void;
  const senders: WebhookSender[] = [];
  const sender = (
    path: string,
    options: { timeoutMs?: number; publicAddressesOnly?: boolean; lookup?: LookupFunction; host?: string } = {},
  ) => {
    const sut = new WebhookSender({
      url: `http://${options.host ?? '127.0.0.1'}:${port}${path}`,
      timeoutMs: options.timeoutMs ?? 2_000,
      publicAddressesOnly: options.publicAddressesOnly ?? false,
      lookup: options.lookup,
    });
    senders.push(sut);
    return sut;
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        requests.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() });
        answer(request, response);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    requests = [];
    answer = (_request, response) => response.writeHead(204).end();
  });
  afterEach(async () => {
    await Promise.all(senders.splice(0).map((sut) => sut.close()));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('POSTs the body as JSON with the signature headers; any 2xx is delivered', async () => {
    answer = (_request, response) => response.writeHead(202).end('thanks, a long answer nobody reads');
    expect(await sender('/hooks').send(HEADERS, '{"type":"upload.completed"}')).toEqual({ result: 'delivered', status: 202 });
    expect(requests).toEqual([
      {
        path: '/hooks',
        body: '{"type":"upload.completed"}',
        headers: expect.objectContaining({
          ...HEADERS,
          'content-type': 'application/json',
          'user-agent': expect.stringContaining('webhooks'),
        }),
      },
    ]);
  });

  it('says gone for 410 and rejected for any other status; a redirect is not followed', async () => {
    answer = (request, response) => {
      if (request.url === '/gone') response.writeHead(410).end();
      else if (request.url === '/moved') response.writeHead(307, { location: '/elsewhere' }).end();
      else response.writeHead(500).end();
    };
    expect(await sender('/gone').send(HEADERS, '{}')).toEqual({ result: 'gone', status: 410 });
    expect(await sender('/broken').send(HEADERS, '{}')).toEqual({ result: 'rejected', status: 500 });
    expect(await sender('/moved').send(HEADERS, '{}')).toEqual({ result: 'rejected', status: 307 });
    expect(requests.map((request) => request.path)).toEqual(['/gone', '/broken', '/moved']);
  });

  it('cuts an attempt at the timeout', async () => {
    answer = () => undefined;
    const started = Date.now();
    expect(await sender('/slow', { timeoutMs: 150 }).send(HEADERS, '{}')).toEqual({ result: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('reports network errors by code', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const sut = new WebhookSender({ url: `http://127.0.0.1:${closedPort}/hooks`, timeoutMs: 1_000, publicAddressesOnly: false });
    senders.push(sut);
    expect(await sut.send(HEADERS, '{}')).toEqual({ result: 'network-error', code: 'ECONNREFUSED' });
  });

  it('says interrupted when the shutdown signal cuts the attempt', async () => {
    answer = () => undefined;
    const shutdown = new AbortController();
    const sending = sender('/slow').send(HEADERS, '{}', shutdown.signal);
    setTimeout(() => shutdown.abort(), 50);
    expect(await sending).toEqual({ result: 'interrupted' });
  });

  it('with public addresses only: refuses a loopback literal and a name resolving to loopback, before connecting', async () => {
    let connections = 0;
    server.on('connection', () => (connections += 1));
    expect(await sender('/hooks', { publicAddressesOnly: true }).send(HEADERS, '{}')).toEqual({
      result: 'blocked-address',
      range: 'loopback',
    });
    expect(await sender('/hooks', { publicAddressesOnly: true, host: 'localhost' }).send(HEADERS, '{}')).toEqual({
      result: 'blocked-address',
      range: 'loopback',
    });
    expect(connections).toBe(0);
    expect(requests).toEqual([]);
  });

  it('connects to the address the lookup approved, whatever the name (no second resolution to rebind)', async () => {
    const pinned: LookupFunction = (_hostname, options, callback) =>
      options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
    expect(await sender('/hooks', { host: 'hooks.invalid', lookup: pinned }).send(HEADERS, '{}')).toEqual({
      result: 'delivered',
      status: 204,
    });
    expect(requests[0].headers.host).toBe(`hooks.invalid:${port}`);
  });
});
