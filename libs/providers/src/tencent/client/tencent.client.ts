import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Agent } from 'node:http';
import { vod } from 'tencentcloud-sdk-nodejs-vod';
import { ConfigService } from '@app/config';
import { UpstreamCall } from '@app/upstream';
import type { TencentOperation } from './operations/tencent-operation';
import { tencentErrors } from './tencent.errors';
import { vodTransport } from './tencent.transport';
import { type EnabledTencentConfig, TENCENT_CONFIG } from '../config/tencent.section';
import { TENCENT_VOD } from '../tencent.products';

type SdkClient = InstanceType<typeof vod.v20180717.Client>;

/** One region profile's account: its SDK client on its own keep-alive agent, and its request timeout. */
interface ProfileClient {
  sdk: SdkClient;
  agent: Agent;
  timeoutMs: number;
}

/**
 * Whose account a call goes to: the region profile (REGIONS) of the user or the upload, the default one when
 * omitted. `timeoutMs` replaces TENCENTCLOUD_VOD_REQUEST_TIMEOUT_MS for a call Tencent may hold (PullEvents).
 */
export interface TencentCallOptions {
  region?: string;
  timeoutMs?: number;
}

/**
 * The one client of Tencent Cloud VOD: a long-lived SDK client per region profile where VOD is on, each
 * on its own keep-alive agent and signed with that profile's SecretId/SecretKey, built once at start;
 * each operation called through the SDK's generic `request`, through the shared UpstreamCall.
 */
@Injectable()
export class TencentClient implements OnApplicationShutdown {
  private readonly profiles = new Map<string, ProfileClient>();

  constructor(
    private readonly config: ConfigService,
    private readonly upstream: UpstreamCall,
  ) {
    for (const region of config.regions.names) {
      const tencent = config.section(TENCENT_CONFIG, region);
      if (tencent.enabled) this.profiles.set(region, profileClient(tencent));
    }
  }

  async call<Request extends object, Result extends { requestId: string }>(
    operation: TencentOperation<Request, Result>,
    request: Request,
    options: TencentCallOptions = {},
  ): Promise<Result> {
    const region = options.region ?? this.config.regions.default;
    const profile = this.profiles.get(region);
    if (!profile) {
      this.config.requireOffered(TENCENT_VOD.id, region);
      throw new Error(`no Tencent client in ${region} although VOD is offered there`);
    }
    const client = profile.sdk;
    return this.upstream.run({
      operation,
      region,
      timeoutMs: options.timeoutMs ?? profile.timeoutMs,
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
    for (const profile of this.profiles.values()) profile.agent.destroy();
  }
}

function profileClient(tencent: EnabledTencentConfig): ProfileClient {
  const transport = vodTransport(tencent.vod.endpoint);
  const timeoutMs = tencent.vod.requestTimeoutMs;
  const sdk = new vod.v20180717.Client({
    credential: {
      secretId: tencent.credentials.secretId,
      secretKey: tencent.credentials.secretKey,
      token: tencent.credentials.sessionToken,
    },
    region: tencent.region,
    profile: {
      signMethod: 'TC3-HMAC-SHA256',
      // The SDK's own timeout counts from socket assignment only; UpstreamCall's signal bounds the whole call.
      httpProfile: { ...transport, reqMethod: 'POST', reqTimeout: timeoutMs / 1000 },
    },
  });
  return { sdk, agent: transport.agent, timeoutMs };
}

/** The operation's own answer to a Tencent error code it expects, if it has one for this failure. */
function recover<Result extends { requestId: string }>(operation: TencentOperation<object, Result>, error: unknown): Result | undefined {
  if (!operation.recover) return undefined;
  const failure = tencentErrors.classify(error, false);
  if (failure.kind !== 'provider' || !failure.upstreamCode) return undefined;
  return operation.recover({ code: failure.upstreamCode, requestId: failure.upstreamRequestId ?? '' });
}
