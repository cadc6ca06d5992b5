import type OpenApi from '@alicloud/openapi-client';
import { OpenApiRequest, Params } from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import { RuntimeOptions } from '@alicloud/tea-util';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { UpstreamCall } from '@app/upstream';
import { aliyunErrors, isProviderError } from './aliyun.errors';
import { createOpenApiClients } from './aliyun.transport';
import type { AliyunOperation, AliyunProduct } from './operations/aliyun-operation';
import { ALIYUN_CONFIG } from '../config/aliyun.section';
import { IMS, VOD } from '../aliyun.products';

/** The product a deployment offers for each API: IMS is called through the ICE API. */
const OFFERED_AS = { vod: VOD.id, ice: IMS.id } as const;

/** Above openapi-client's own connect and read timeouts, which fire first; ours bounds the credential chain too. */
const TIMEOUT_MARGIN_MS = 1_000;

/** One region profile's account: its openapi-clients per configured product, and how long a call may take. */
interface ProfileClients {
  clients: Partial<Record<AliyunProduct, OpenApi>>;
  timeoutMs: number;
}

/** Whose account a call goes to: the region profile (REGIONS) of the user or the upload; the default one when omitted. */
export interface AliyunCallOptions {
  region?: string;
}

/**
 * The one client of Alibaba Cloud VOD and ICE: long-lived openapi-clients per region profile and
 * configured product, built once at start, each operation called through `callApi` as the generated
 * SDKs do (RPC style, every parameter in the query, ACS3-HMAC-SHA256), through the shared UpstreamCall.
 */
@Injectable()
export class AliyunClient {
  private readonly profiles = new Map<string, ProfileClients>();

  constructor(
    private readonly config: ConfigService,
    private readonly upstream: UpstreamCall,
  ) {
    for (const region of config.regions.names) {
      const settings = config.section(ALIYUN_CONFIG, region);
      const timeoutMs = settings.connectTimeoutMs + settings.readTimeoutMs + TIMEOUT_MARGIN_MS;
      this.profiles.set(region, { clients: createOpenApiClients(settings), timeoutMs });
    }
  }

  async call<Request, Result extends { requestId: string }>(
    operation: AliyunOperation<Request, Result>,
    request: Request,
    options: AliyunCallOptions = {},
  ): Promise<Result> {
    const region = options.region ?? this.config.regions.default;
    const profile = this.profiles.get(region);
    const client = profile?.clients[operation.product];
    if (!profile || !client) {
      // 501 for a profile no longer declared (an upload recorded in it before REGIONS changed), or one without the product.
      this.config.requireOffered(OFFERED_AS[operation.product], region);
      throw new Error(`no ${operation.product} client in ${region} although the product is offered there`);
    }
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
    return this.upstream.run({
      operation,
      region,
      timeoutMs: profile.timeoutMs,
      errors: aliyunErrors,
      send: async () => {
        const query = OpenApiUtil.query(operation.toQuery(request));
        try {
          const response = await client.callApi(params, new OpenApiRequest({ query }), new RuntimeOptions({}));
          return operation.parse((response.body ?? {}) as Record<string, unknown>);
        } catch (error) {
          // "No such media" is an answer for a lookup or a delete, not a failure.
          const { absent } = operation;
          if (absent && isProviderError(error) && absent.codes.includes(error.code)) {
            const requestId = error.data.RequestId;
            return absent.answer(typeof requestId === 'string' ? requestId : '');
          }
          throw error;
        }
      },
    });
  }
}
