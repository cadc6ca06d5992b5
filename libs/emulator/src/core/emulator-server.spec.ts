import { EmulatorServer } from './emulator-server';
import type { ControlRoute, EmulatorRequest, EmulatorRequestHead, ProviderEmulator } from './provider';

const echo: ProviderEmulator = {
  name: 'echo',
  matches: (request: EmulatorRequest) => request.headers['x-echo-action'] !== undefined,
  operation: (request: EmulatorRequest) => String(request.headers['x-echo-action']),
  handle: (request: EmulatorRequest) => ({ status: 200, body: { got: request.rawBody.toString() } }),
  faultResponse: (kind) => (kind === 'throttle' ? { status: 400, body: { Code: 'Throttled' } } : { status: 503, body: { Code: 'Down' } }),
  deniedResponse: () => ({ status: 403, body: { Code: 'Forbidden.RAM' } }),
};

/** Answers raw bytes (as the storage stand-ins do) and reads bodies of up to 16 bytes. */
const bytes: ProviderEmulator = {
  name: 'bytes',
  maxBodyBytes: 16,
  matches: (request: EmulatorRequestHead) => request.path === '/bytes',
  operation: () => 'Echo',
  handle: (request: EmulatorRequest) => ({ status: 200, headers: { 'content-type': 'application/octet-stream' }, body: request.rawBody }),
  faultResponse: () => ({ status: 503, headers: { 'content-type': 'application/xml' }, body: '<Error/>' }),
};

const reset: ControlRoute = { method: 'POST', action: 'things/reset', handle: (body) => ({ status: 200, body: { got: body } }) };

describe(EmulatorServer.name, () => {
  let sut: EmulatorServer;
  let url: string;
  const call = (action: string, init: RequestInit = {}) =>
    fetch(url, { method: 'POST', body: 'hi', ...init, headers: { 'x-echo-action': action, ...init.headers } });

  beforeEach(async () => {
    sut = new EmulatorServer([echo, bytes], [reset]);
    url = await sut.listen();
  });
  afterEach(() => sut.close());

  it('dispatches to the matching provider and counts calls per operation', async () => {
    expect(await (await call('Ping')).json()).toEqual({ got: 'hi' });
    await call('Ping');
    expect(sut.calls('echo', 'Ping')).toBe(2);
    expect((await fetch(url, { method: 'POST' })).status).toBe(404);
  });

  it('applies armed faults in order, to matching operations only, as many times as asked', async () => {
    sut.faults.inject({ kind: 'throttle', operation: 'Ping', times: 1 });
    sut.faults.inject({ kind: 'server-error', provider: 'echo', times: 1 });
    expect((await call('Other')).status).toBe(503);
    expect((await call('Ping')).status).toBe(400);
    expect((await call('Ping')).status).toBe(200);
  });

  it("answers a denied call with the provider's refusal, and leaves a provider without one alone", async () => {
    sut.faults.inject({ kind: 'denied', operation: 'Ping', times: 1 });
    const denied = await call('Ping');
    expect([denied.status, await denied.json()]).toEqual([403, { Code: 'Forbidden.RAM' }]);
    sut.faults.inject({ kind: 'denied', provider: 'bytes', times: 1 });
    expect((await fetch(`${url}/bytes`, { method: 'PUT', body: 'x' })).status).toBe(200);
  });

  it('adds latency and can hang until the client gives up', async () => {
    sut.faults.inject({ kind: 'latency', delayMs: 150, times: 1 });
    const started = Date.now();
    await call('Ping');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sut.faults.inject({ kind: 'hang', times: 1 });
    await expect(call('Ping', { signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });

  it('answers a malformed control request with 400 and keeps running', async () => {
    expect((await fetch(`${url}/__emulator/faults`, { method: 'POST', body: '{bad' })).status).toBe(400);
    expect((await call('Ping')).status).toBe(200);
  });

  it('is controllable over HTTP for out-of-process use', async () => {
    await fetch(`${url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ kind: 'server-error', times: 1 }) });
    expect((await call('Ping')).status).toBe(503);
    expect(await (await fetch(`${url}/__emulator/calls`)).json()).toEqual({ 'echo:Ping': 1 });
  });

  it('sends Buffer and string bodies as they are, with their own content type', async () => {
    const response = await fetch(`${url}/bytes`, { method: 'PUT', body: new Uint8Array([0, 255, 1]) });
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from([0, 255, 1]));
    sut.faults.inject({ kind: 'server-error', provider: 'bytes', times: 1 });
    expect(await (await fetch(`${url}/bytes`, { method: 'PUT' })).text()).toBe('<Error/>');
  });

  it("refuses a body over the provider's limit with 413, and over the default 1 MiB for others", async () => {
    expect((await fetch(`${url}/bytes`, { method: 'PUT', body: 'x'.repeat(16) })).status).toBe(200);
    const tooLarge = await fetch(`${url}/bytes`, { method: 'PUT', body: 'x'.repeat(17) });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ Code: 'EntityTooLarge' });
    expect((await call('Ping', { body: 'x'.repeat(1024 * 1024 + 1) })).status).toBe(413);
    expect((await call('Ping')).status).toBe(200);
  });

  it('serves the extra control routes it was given', async () => {
    const response = await fetch(`${url}/__emulator/things/reset`, { method: 'POST', body: '{"all":true}' });
    expect(await response.json()).toEqual({ got: { all: true } });
    expect((await fetch(`${url}/__emulator/things/reset`, { method: 'GET' })).status).toBe(404);
  });
});
