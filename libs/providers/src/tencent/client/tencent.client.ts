import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Agent } from 'node:http';
import { vod } from 'tencentcloud-sdk-nodejs-vod';
import { ConfigService } from '@app/config';
import { UpstreamCall } from '@app/upstream';
import type { TencentOperation } from './operations/tencent-operation';
import { tencentErrors } from './tencent.errors';
import { vodTransport } from './tencent.transport';
import { TENCENT_CONFIG } from '../config/tencent.section';
import { TENCENT_VOD } from '../tencent.products';

type SdkClient = InstanceType<typeof vod.v20180717.Client>;

/**
 * The one client of Tencent Cloud VOD: a long-lived SDK client on its own keep-alive agent, each
 * operation called through the SDK's generic `request`, through the shared UpstreamCall.
 */
@Injectable()
export class TencentClient implements OnApplicationShutdown {
  private readonly sdk?: SdkClient;
  private readonly agent?: Agent;
  private readonly timeoutMs: number = 0;

  constructor(
    private readonly config: ConfigService,
    private readonly upstream: UpstreamCall,
  ) {
    const tencent = config.section(TENCENT_CONFIG);
    if (!tencent.enabled) return;
    const transport = vodTransport(tencent.vod.endpoint);
    this.agent = transport.agent;
    this.timeoutMs = tencent.vod.requestTimeoutMs;
    this.sdk = new vod.v20180717.Client({
      credential: {
        secretId: tencent.credentials.secretId,
        secretKey: tencent.credentials.secretKey,
        token: tencent.credentials.sessionToken,
      },
      region: tencent.region,
      profile: {
        signMethod: 'TC3-HMAC-SHA256',
        // The SDK's own timeout counts from socket assignment only; UpstreamCall's signal bounds the whole call.
        httpProfile: { ...transport, reqMethod: 'POST', reqTimeout: this.timeoutMs / 1000 },
      },
    });
  }

  /** `timeoutMs` replaces TENCENTCLOUD_VOD_REQUEST_TIMEOUT_MS for a call Tencent may hold (PullEvents). */
  async call<Request extends object, Result extends { requestId: string }>(
    operation: TencentOperation<Request, Result>,
    request: Request,
    options: { timeoutMs?: number } = {},
  ): Promise<Result> {
    const client = this.sdk;
    if (!client) {
      this.config.requireOffered(TENCENT_VOD.id);
      throw new Error('no Tencent client although VOD is offered');
    }
    return this.upstream.run({
      operation,
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
      errors: tencentErrors,
      send: async (signal) => {
        try {
          return operation.parse((await client.request(operation.action, request, { signal })) as Record<string, unknown>);
        } catch (error) {
          const recovered = recover(operation, error);
          if (recovered) return recovered;
          throw error;
        }
      },
    });
  }

  onApplicationShutdown(): void {
    this.agent?.destroy();
  }
}

/** The operation's own answer to a Tencent error code it expects, if it has one for this failure. */
function recover<Result extends { requestId: string }>(operation: TencentOperation<object, Result>, error: unknown): Result | undefined {
  if (!operation.recover) return undefined;
  const failure = tencentErrors.classify(error, false);
  if (failure.kind !== 'provider' || !failure.upstreamCode) return undefined;
  return operation.recover({ code: failure.upstreamCode, requestId: failure.upstreamRequestId ?? '' });
}
