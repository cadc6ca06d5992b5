import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type FaultSpec } from './faults';
import type { UploadEvents } from '../events/upload-events';
import type { EmulatorRequest, EmulatorResponse, ProviderEmulator } from './provider';

const CONTROL_PREFIX = '/__emulator/';

/**
 * One loopback HTTP server for every emulated cloud API. Requests are dispatched by their
 * headers (x-acs-action for Alibaba, x-tc-action for Tencent), so one URL serves all of them.
 */
export class EmulatorServer {
  readonly faults = new FaultInjector();
  private readonly counts = new Map<string, number>();
  private readonly server: Server;
  private readonly hanging = new Set<ServerResponse>();

  constructor(
    private readonly providers: ProviderEmulator[],
    private readonly events?: UploadEvents,
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
    const rawBody = await readBody(incoming);
    const url = new URL(incoming.url ?? '/', 'http://emulator');
    const request: EmulatorRequest = {
      method: incoming.method ?? 'GET',
      url: incoming.url ?? '/',
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      rawBody,
    };
    if (request.path.startsWith(CONTROL_PREFIX)) return send(response, await this.control(request));

    const provider = this.providers.find((candidate) => candidate.matches(request));
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
    try {
      send(response, await provider.handle(request));
    } catch {
      send(response, { status: 500, body: { Code: 'EmulatorBug', Message: 'The emulator failed on this request.' } });
    }
  }

  /** HTTP control for out-of-process use (standalone emulator, benchmark): faults and counters. */
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
    if (action === 'uploads/complete' && request.method === 'POST' && this.events)
      return completeUploadControl(this.events, request.rawBody);
    return { status: 404, body: { Code: 'UnknownControl' } };
  }
}

/** `{provider, id, success?, size?}`: an Alibaba upload finished, so its callback goes out; the delivery comes back. */
async function completeUploadControl(events: UploadEvents, rawBody: Buffer): Promise<EmulatorResponse> {
  const { provider, id, success, size } = JSON.parse(rawBody.toString('utf8') || '{}') as Record<string, unknown>;
  if ((provider !== 'aliyun-vod' && provider !== 'aliyun-ims') || typeof id !== 'string') {
    return { status: 400, body: { Code: 'BadControl', Message: 'provider (aliyun-vod or aliyun-ims) and id are required' } };
  }
  const completion = { success: typeof success === 'boolean' ? success : undefined, size: typeof size === 'number' ? size : undefined };
  const delivery = await events.aliyunUploadCompleted(provider, id, completion);
  return delivery
    ? { status: 200, body: delivery }
    : { status: 404, body: { Code: 'NoCallback', Message: 'no such media, or no callback URL' } };
}

/** Cloud API requests are small; anything bigger is not one of them. */
const MAX_BODY_BYTES = 1024 * 1024;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) request.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: EmulatorResponse): void {
  if (response.destroyed) return;
  const body = reply.body === null ? '' : JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...(body ? { 'content-type': 'application/json;charset=utf-8' } : {}),
    ...reply.headers,
  });
  response.end(body);
}
