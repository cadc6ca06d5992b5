import OpenApi, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import { RuntimeOptions } from '@alicloud/tea-util';
import { createServer, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyPair } from '../../core/options';

// Test helpers: the real @alicloud/openapi-client, configured as the generated SDKs configure it.

export interface Caller {
  call(action: string, version: string, query: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export function openApiCaller(url: string, key: KeyPair & { token?: string }): Caller {
  const { protocol, host } = new URL(url);
  const client = new OpenApi(
    new Config({
      accessKeyId: key.id,
      accessKeySecret: key.secret,
      securityToken: key.token,
      endpoint: host,
      protocol: protocol.replace(':', ''),
      regionId: 'cn-shanghai',
      readTimeout: 2000,
      connectTimeout: 2000,
    }),
  );
  return {
    async call(action, version, query) {
      const params = new Params({
        action,
        version,
        protocol: 'HTTPS',
        pathname: '/',
        method: 'POST',
        authType: 'AK',
        style: 'RPC',
        reqBodyType: 'formData',
        bodyType: 'json',
      });
      const runtime = new RuntimeOptions({}) as Parameters<OpenApi['callApi']>[2];
      const response = await client.callApi(params, new OpenApiRequest({ query: OpenApiUtil.query(query) }), runtime);
      return response.body as Record<string, unknown>;
    },
  };
}

/** The error openapi-client throws, reduced to what tests compare. */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; status: number; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const { code, data } = error as { code: string; data: Record<string, unknown> & { statusCode: number } };
    return { code, status: data?.statusCode, data };
  }
  throw new Error('expected the call to fail');
}

export interface CapturedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Signs a request with the real client against a recorder, so tests can replay or tamper with it. */
export async function captureSignedRequest(
  key: KeyPair,
  action: string,
  version: string,
  query: Record<string, unknown>,
): Promise<CapturedRequest> {
  let captured: CapturedRequest | undefined;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      captured = { method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks) };
      response.setHeader('content-type', 'application/json');
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await openApiCaller(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, key).call(action, version, query);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return captured!;
}

export const decodeBase64Json = (value: unknown) =>
  JSON.parse(Buffer.from(String(value), 'base64').toString('utf8')) as Record<string, unknown>;

/** Sends a captured request (Host header and all) to the emulator, optionally changed first. */
export function replay(emulatorUrl: string, captured: CapturedRequest): Promise<{ status: number; body: Record<string, unknown> }> {
  const { hostname, port } = new URL(emulatorUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: hostname, port, method: captured.method, path: captured.url, headers: captured.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') }));
      },
    );
    request.on('error', reject);
    request.end(captured.body);
  });
}
