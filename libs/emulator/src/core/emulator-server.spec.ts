import { EmulatorServer } from './emulator-server';
import type { EmulatorRequest, ProviderEmulator } from './provider';

const echo: ProviderEmulator = {
  name: 'echo',
  matches: (request: EmulatorRequest) => request.headers['x-echo-action'] !== undefined,
  operation: (request: EmulatorRequest) => String(request.headers['x-echo-action']),
  handle: (request: EmulatorRequest) => ({ status: 200, body: { got: request.rawBody.toString() } }),
  faultResponse: (kind) => (kind === 'throttle' ? { status: 400, body: { Code: 'Throttled' } } : { status: 503, body: { Code: 'Down' } }),
};

describe(EmulatorServer.name, () => {
  let sut: EmulatorServer;
  let url: string;
  const call = (action: string, init: RequestInit = {}) =>
    fetch(url, { method: 'POST', body: 'hi', ...init, headers: { 'x-echo-action': action, ...init.headers } });

  beforeEach(async () => {
    sut = new EmulatorServer([echo]);
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
});
