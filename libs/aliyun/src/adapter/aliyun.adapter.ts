import { performance } from 'node:perf_hooks';
import type OpenApi from '@alicloud/openapi-client';
import { OpenApiRequest, Params } from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import { RuntimeOptions } from '@alicloud/tea-util';
import { Injectable, Logger } from '@nestjs/common';
import { ApiError, currentRequestId, ErrorCode } from '@app/common';
import { ConfigService } from '@app/config';
import { UpstreamBudget } from '@app/protection';
import type { CreateUploadMediaRequest, CreateUploadMediaResponseBody, RefreshUploadMediaRequest, RefreshUploadMediaResponseBody } from '../models/ice.models';
import type {
  CreateUploadAttachedMediaRequest,
  CreateUploadAttachedMediaResponseBody,
  CreateUploadImageRequest,
  CreateUploadImageResponseBody,
  CreateUploadVideoRequest,
  RefreshUploadVideoRequest,
  UploadVideoResponseBody,
} from '../models/vod.models';
import { createCredentialProvider } from './credentials';
import { isProviderError, mapAliyunError, upstreamRequestIdOf } from './error-mapper';
import { createOpenApiClients } from './openapi-clients';
import {
  type AliyunOperation,
  type AliyunProduct,
  CREATE_UPLOAD_ATTACHED_MEDIA,
  CREATE_UPLOAD_IMAGE,
  CREATE_UPLOAD_MEDIA,
  CREATE_UPLOAD_VIDEO,
  REFRESH_UPLOAD_MEDIA,
  REFRESH_UPLOAD_VIDEO,
} from './operations';

interface AliyunRequest {
  toQuery(): Record<string, string | number>;
}

type Runtime = Parameters<OpenApi['callApi']>[2];

/**
 * The one adapter over Alibaba Cloud VOD and ICE. Operations go through `callApi` of
 * @alicloud/openapi-client as the generated SDKs do (RPC style, every parameter in the query,
 * ACS3-HMAC-SHA256). No retries: openapi-client does none and creates are not idempotent.
 */
@Injectable()
export class AliyunAdapter {
  private readonly logger = new Logger(AliyunAdapter.name);
  private readonly clients: Partial<Record<AliyunProduct, OpenApi>>;

  constructor(
    config: ConfigService,
    private readonly budget: UpstreamBudget,
  ) {
    const { aliyun } = config;
    this.clients = aliyun.credentials ? createOpenApiClients(aliyun, createCredentialProvider(aliyun.credentials)) : {};
  }

  isConfigured(product: AliyunProduct): boolean {
    return this.clients[product] !== undefined;
  }

  createUploadVideo(request: CreateUploadVideoRequest): Promise<UploadVideoResponseBody> {
    return this.invoke(CREATE_UPLOAD_VIDEO, request);
  }

  refreshUploadVideo(request: RefreshUploadVideoRequest): Promise<UploadVideoResponseBody> {
    return this.invoke(REFRESH_UPLOAD_VIDEO, request);
  }

  createUploadImage(request: CreateUploadImageRequest): Promise<CreateUploadImageResponseBody> {
    return this.invoke(CREATE_UPLOAD_IMAGE, request);
  }

  createUploadAttachedMedia(request: CreateUploadAttachedMediaRequest): Promise<CreateUploadAttachedMediaResponseBody> {
    return this.invoke(CREATE_UPLOAD_ATTACHED_MEDIA, request);
  }

  createUploadMedia(request: CreateUploadMediaRequest): Promise<CreateUploadMediaResponseBody> {
    return this.invoke(CREATE_UPLOAD_MEDIA, request);
  }

  refreshUploadMedia(request: RefreshUploadMediaRequest): Promise<RefreshUploadMediaResponseBody> {
    return this.invoke(REFRESH_UPLOAD_MEDIA, request);
  }

  /** Every upstream call: timing, one log line (never credentials, never UploadAuth), error mapping. */
  private async invoke<Result extends { requestId: string }>(operation: AliyunOperation<Result>, request: AliyunRequest): Promise<Result> {
    const client = this.clients[operation.product];
    if (!client) throw new ApiError(501, ErrorCode.PROVIDER_NOT_CONFIGURED, 'This deployment does not offer this Alibaba Cloud service.');
    const params = new Params({
      action: operation.action,
      version: operation.version,
      protocol: 'HTTPS',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    // Our share of the provider's QPS cap, shared by all replicas: a burst of users never becomes throttling.
    await this.budget.acquire(operation.provider, operation.action);
    const started = performance.now();
    const line = { requestId: currentRequestId(), provider: operation.provider, operation: operation.action };
    try {
      const query = OpenApiUtil.query(request.toQuery());
      const response = await client.callApi(params, new OpenApiRequest({ query }), new RuntimeOptions({}) as Runtime);
      const result = operation.parse((response.body ?? {}) as Record<string, unknown>);
      this.logger.log({ ...line, upstreamRequestId: result.requestId, latencyMs: elapsed(started), outcome: 'ok' });
      return result;
    } catch (error) {
      const mapped = mapAliyunError(error, operation);
      this.logger.warn({
        ...line,
        upstreamRequestId: upstreamRequestIdOf(error),
        latencyMs: elapsed(started),
        outcome: mapped.code,
        status: mapped.getStatus(),
        providerCode: isProviderError(error) ? error.code : undefined,
        providerStatus: isProviderError(error) ? error.data.statusCode : undefined,
        errorName: isProviderError(error) ? undefined : (error as Error)?.name,
      });
      throw mapped;
    }
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
