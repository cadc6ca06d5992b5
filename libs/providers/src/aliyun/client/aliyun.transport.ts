import OpenApi, { Config } from '@alicloud/openapi-client';
import type { AliyunConfig } from '../config/aliyun.env';
import { createCredentialProvider } from './aliyun.credentials';
import type { AliyunProduct } from './operations/aliyun-operation';

type AliyunEndpoint = NonNullable<AliyunConfig['vod']>['endpoint'];

/**
 * One long-lived openapi-client per configured product endpoint. Keep-alive: httpx's module-level
 * agents (keepAlive: true) carry every request; we never set RuntimeOptions.keepAlive, which would
 * make tea build a new Agent per request. Timeouts are in ms; httpx also uses the connect timeout
 * as the socket idle timeout, so a silent upstream fails after min(connect, read).
 */
export function createOpenApiClients(config: AliyunConfig): Partial<Record<AliyunProduct, OpenApi>> {
  if (!config.credentials) return {};
  const credential = createCredentialProvider(config.credentials);
  const client = (endpoint: AliyunEndpoint, regionId: string) =>
    new OpenApi(
      new Config({
        // A plain object standing in for @alicloud/credentials' Credential: openapi-client only calls getCredential().
        credential,
        endpoint: endpoint.host,
        protocol: endpoint.protocol,
        regionId,
        connectTimeout: config.connectTimeoutMs,
        readTimeout: config.readTimeoutMs,
      }),
    );
  return {
    ...(config.vod ? { vod: client(config.vod.endpoint, config.vod.region) } : {}),
    ...(config.ims ? { ice: client(config.ims.endpoint, config.ims.region) } : {}),
  };
}
