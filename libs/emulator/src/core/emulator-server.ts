import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type FaultSpec } from './faults';
import type { ControlRoute, EmulatorRequest, EmulatorRequestHead, EmulatorResponse, ProviderEmulator } from './provider';

const CONTROL_PREFIX = '/__emulator/';
/** Cloud API requests are small; a provider that takes more (object storage) says how much. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * One loopback HTTP server for every emulated cloud API. Requests are dispatched by their
 * headers (x-acs-action for Alibaba, x-tc-action for Tencent, the OSS and COS signatures) or
 * path (Tencent's client upload API), so one URL serves all of them.
 */
export class EmulatorServer {
  readonly faults = new FaultInjector();
  private readonly counts = new Map<string, number>();
  private readonly server: Server;
  private readonly hanging = new Set<ServerResponse>();

  constructor(
    private readonly providers: ProviderEmulator[],
    private readonly controls: ControlRoute[] = [],
  ) {
    this.server = createServer((request, response) => {
      // In sandbox mode the emulator lives in the service's process: nothing it is sent may crash it.
      this.dispatch(request, response).catch(() =>
        send(response, { status: 400, body: { Code: 'BadRequest', Message: 'The emulator could not read this request.' } }),
      );
    });
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, host, resolve));
    const address = this.server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  /** Calls that reached an operation handler (faults and signature failures included). */
  calls(provider: string, operation: string): number {
    return this.counts.get(`${provider}:${operation}`) ?? 0;
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async dispatch(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://emulator');
    const head: EmulatorRequestHead = {
      method: incoming.method ?? 'GET',
      url: incoming.url ?? '/',
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
    };
    const control = head.path.startsWith(CONTROL_PREFIX);
    const provider = control ? undefined : this.providers.find((candidate) => candidate.matches(head));
    const rawBody = await readBody(incoming, provider?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    if (rawBody === undefined) {
      // The rest of the body is not read: the connection closes after this answer.
      return send(response, {
        status: 413,
        headers: { connection: 'close' },
        body: { Code: 'EntityTooLarge', Message: 'The request body is larger than the emulator accepts.' },
      });
    }
    const request: EmulatorRequest = { ...head, rawBody };
    if (control) return send(response, await this.control(request));
    if (!provider) return send(response, { status: 404, body: { Code: 'NotEmulated', Message: 'No emulated API matches this request.' } });

    const operation = provider.operation(request);
    const key = `${provider.name}:${operation}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);

    const fault = this.faults.take(provider.name, operation);
    const delay = this.faults.baseLatencyMs + (fault?.delayMs ?? 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (fault?.kind === 'hang') {
      this.hanging.add(response);
      response.once('close', () => this.hanging.delete(response));
      return;
    }
    if (fault?.kind === 'server-error' || fault?.kind === 'throttle') return send(response, provider.faultResponse(fault.kind, request));
    if (fault?.kind === 'denied' && provider.deniedResponse) return send(response, provider.deniedResponse(request));
    try {
      send(response, await provider.handle(request));
    } catch {
      send(response, { status: 500, body: { Code: 'EmulatorBug', Message: 'The emulator failed on this request.' } });
    }
  }

  /** HTTP control for out-of-process use (standalone emulator, benchmark, sandbox): faults, counters, and the routes given. */
  private async control(request: EmulatorRequest): Promise<EmulatorResponse> {
    const action = request.path.slice(CONTROL_PREFIX.length);
    if (action === 'faults' && request.method === 'POST') {
      const spec = JSON.parse(request.rawBody.toString('utf8') || '{}') as FaultSpec;
      this.faults.inject(spec);
      return { status: 204, body: null };
    }
    if (action === 'faults' && request.method === 'DELETE') {
      this.faults.clear();
      return { status: 204, body: null };
    }
    if (action === 'latency' && request.method === 'PUT') {
      const { ms } = JSON.parse(request.rawBody.toString('utf8') || '{}') as { ms?: unknown };
      this.faults.baseLatencyMs = Number(ms ?? 0);
      return { status: 204, body: null };
    }
    if (action === 'calls' && request.method === 'GET') return { status: 200, body: Object.fromEntries(this.counts) };
    const route = this.controls.find((candidate) => candidate.action === action && candidate.method === request.method);
    if (route) return route.handle(JSON.parse(request.rawBody.toString('utf8') || '{}'));
    return { status: 404, body: { Code: 'UnknownControl' } };
  }
}

/** The whole body, or undefined once it grows past `limit` (the rest is left unread). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      request.off('data', onData);
      request.pause();
      resolve(undefined);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: EmulatorResponse): void {
  if (response.destroyed) return;
  const raw = Buffer.isBuffer(reply.body) || typeof reply.body === 'string';
  const body = reply.body === null || reply.body === undefined ? '' : raw ? (reply.body as Buffer | string) : JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...(body.length > 0 && !raw ? { 'content-type': 'application/json;charset=utf-8' } : {}),
    ...reply.headers,
  });
  response.end(body);
}
