import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Agent } from 'node:http';
import { vod } from 'tencentcloud-sdk-nodejs-vod';
import { ApiError, ErrorCode, currentRequestId } from '@app/common';
import { ConfigService } from '@app/config';
import type { AppliedUpload, ApplyUploadRequest, CommittedUpload, CommitUploadRequest, VodOperation } from './tencent-vod.types';
import { classifyVodFailure, vodFailureToApiError } from './vod-errors';
import { parseAppliedUpload, parseCommittedUpload } from './vod-responses';
import { vodTransport } from './vod-transport';
import { UpstreamBudget } from '@app/protection';

type SdkClient = InstanceType<typeof vod.v20180717.Client>;
type RawResponse = Record<string, unknown>;

export const TENCENT_VOD_PROVIDER = 'tencent-vod' as const;

export function tencentNotConfigured(): ApiError {
  return new ApiError(501, ErrorCode.PROVIDER_NOT_CONFIGURED, 'This deployment does not offer Tencent Cloud VOD uploads.');
}

/**
 * The one way to Tencent Cloud VOD: a long-lived SDK client on its own keep-alive agent, every call
 * bounded by the configured timeout, logged, and its failure mapped to our error codes.
 */
@Injectable()
export class TencentVodClient implements OnApplicationShutdown {
  private readonly logger = new Logger(TencentVodClient.name);
  private readonly sdk?: SdkClient;
  private readonly agent?: Agent;
  private readonly timeoutMs: number = 0;

  constructor(
    config: ConfigService,
    private readonly budget: UpstreamBudget,
  ) {
    const tencent = config.tencent;
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
        // The SDK's own timeout counts from socket assignment only; our AbortSignal below bounds the whole call.
        httpProfile: { ...transport, reqMethod: 'POST', reqTimeout: this.timeoutMs / 1000 },
      },
    });
  }

  applyUpload(request: ApplyUploadRequest): Promise<AppliedUpload> {
    return this.invoke('ApplyUpload', request, parseAppliedUpload);
  }

  commitUpload(request: CommitUploadRequest): Promise<CommittedUpload> {
    return this.invoke('CommitUpload', request, parseCommittedUpload);
  }

  onApplicationShutdown(): void {
    this.agent?.destroy();
  }

  /** Every SDK call passes here: timing, the log line (never the request or response) and error mapping. */
  private async invoke<T extends { requestId: string }>(
    operation: VodOperation,
    request: object,
    parse: (raw: RawResponse) => T,
  ): Promise<T> {
    if (!this.sdk) throw tencentNotConfigured();
    // Our share of the provider's QPS cap, shared by all replicas: a burst of users never becomes throttling.
    await this.budget.acquire(TENCENT_VOD_PROVIDER, operation);
    const started = performance.now();
    // Not AbortSignal.timeout(): its timer outlives the call, keeping the signal alive for the whole
    // timeout and building a TimeoutError when it fires, for every call, long after the answer came.
    const timeout = new AbortController();
    const signal = timeout.signal;
    const timer = setTimeout(() => timeout.abort(new DOMException('The operation timed out.', 'TimeoutError')), this.timeoutMs).unref();
    const latencyMs = () => Math.round(performance.now() - started);
    try {
      const result = parse((await this.sdk.request(operation, request, { signal })) as RawResponse);
      this.logger.log({ requestId: currentRequestId(), provider: TENCENT_VOD_PROVIDER, operation, outcome: 'ok', upstreamRequestId: result.requestId, latencyMs: latencyMs() });
      return result;
    } catch (error) {
      const failure = classifyVodFailure(error, signal.aborted);
      const mapped = vodFailureToApiError(operation, failure, error);
      const line = {
        requestId: currentRequestId(),
        provider: TENCENT_VOD_PROVIDER,
        operation,
        outcome: failure.kind,
        upstreamCode: failure.code,
        upstreamRequestId: failure.requestId,
        httpStatus: failure.httpStatus,
        status: mapped.getStatus(),
        latencyMs: latencyMs(),
      };
      if (mapped.getStatus() >= 500) this.logger.warn(line);
      else this.logger.log(line);
      throw mapped;
    } finally {
      clearTimeout(timer);
    }
  }
}
