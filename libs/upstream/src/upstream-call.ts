import { performance } from 'node:perf_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { type ApiError, currentRequestId, MetricsService } from '@app/common';
import { ConfigService, regionLabel, type RegionsConfig } from '@app/config';
import type { UpstreamProvider } from '@app/registry';
import { UpstreamBudget } from './upstream-budget';

/** One operation of a provider's API, as the budget, the log line and the error mapping name it. */
export interface UpstreamOperation {
  provider: UpstreamProvider;
  /** The provider's action name, e.g. CreateUploadVideo or ApplyUpload. */
  action: string;
}

/** How a call failed, in the one vocabulary every provider's log line uses. Never the provider's text. */
export interface UpstreamFailure {
  kind: 'provider' | 'http-status' | 'timeout' | 'network' | 'invalid-response' | 'credentials';
  /** The provider's error code, e.g. Throttling.User or AuthFailure.SignatureFailure. */
  upstreamCode?: string;
  upstreamHttpStatus?: number;
  upstreamRequestId?: string;
}

/** A provider's error hook: what went wrong, and what the client is told. */
export interface UpstreamErrors<Operation extends UpstreamOperation> {
  classify(error: unknown, timedOut: boolean): UpstreamFailure;
  toApiError(failure: UpstreamFailure, operation: Operation, cause: unknown): ApiError;
}

export interface UpstreamRequest<Operation extends UpstreamOperation, Result> {
  operation: Operation;
  /** The region profile whose account and endpoint are called (the default one when omitted): its budget, its log field. */
  region?: string;
  /** Bounds the whole call; the signal aborts when it passes. */
  timeoutMs: number;
  send(signal: AbortSignal): Promise<Result>;
  errors: UpstreamErrors<NoInfer<Operation>>;
}

/** Seconds: from a fast answer of a near region to the longest timeouts the providers' settings allow. */
const DURATION_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The one way to a provider's API: a unit of the operation's shared budget, the call bounded by a
 * timeout, one log line (our request id, the provider's RequestId, never a request or an answer), one
 * observation of `upload_bff_upstream_call_duration_seconds` by provider, operation and outcome (and
 * region, with REGIONS), and every failure mapped to the ApiError the client gets. No retries: creates
 * are not idempotent.
 */
@Injectable()
export class UpstreamCall {
  private readonly logger = new Logger('Upstream');

  private readonly regions: RegionsConfig;
  private readonly region;
  private readonly duration;

  constructor(
    private readonly budget: UpstreamBudget,
    config: ConfigService,
    metrics: MetricsService,
  ) {
    this.regions = config.regions;
    this.region = regionLabel(config.regions);
    // Every call, the background ones too (verification lookups and deletes), which no HTTP route's status shows.
    this.duration = metrics.histogram(
      'upload_bff_upstream_call_duration_seconds',
      "Calls to the providers' APIs by provider, operation and outcome (ok, provider, http-status, timeout, network, " +
        'invalid-response, credentials), and region with REGIONS; the budget wait is not included.',
      ['provider', 'operation', 'outcome', ...this.region.names],
      DURATION_BUCKETS,
    );
  }

  async run<Operation extends UpstreamOperation, Result extends { requestId: string }>(
    request: UpstreamRequest<Operation, Result>,
  ): Promise<Result> {
    const { operation } = request;
    await this.budget.acquire(operation.provider, operation.action, request.region);
    const started = performance.now();
    const line = {
      requestId: currentRequestId(),
      provider: operation.provider,
      operation: operation.action,
      ...(this.regions.declared ? { region: request.region ?? this.regions.default } : {}),
    };
    // Not AbortSignal.timeout(): its timer outlives the call and builds a TimeoutError long after the answer came.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new DOMException('The operation timed out.', 'TimeoutError')), request.timeoutMs).unref();
    // The race bounds providers whose SDK takes no signal (openapi-client): nothing waits past the timeout.
    const abandoned = new Promise<never>((_resolve, reject) => {
      timeout.signal.addEventListener('abort', () => reject(timeout.signal.reason as Error), { once: true });
    });
    try {
      const result = await Promise.race([request.send(timeout.signal), abandoned]);
      this.observe(request, 'ok', started);
      this.logger.log({ ...line, outcome: 'ok', upstreamRequestId: result.requestId, latencyMs: elapsed(started) });
      return result;
    } catch (error) {
      const failure = request.errors.classify(error, timeout.signal.aborted);
      this.observe(request, failure.kind, started);
      const mapped = request.errors.toApiError(failure, operation, error);
      const status = mapped.getStatus();
      const failed = {
        ...line,
        outcome: failure.kind,
        status,
        code: mapped.code,
        upstreamCode: failure.upstreamCode,
        upstreamHttpStatus: failure.upstreamHttpStatus,
        upstreamRequestId: failure.upstreamRequestId,
        errorName: failure.kind === 'provider' ? undefined : (error as Error | undefined)?.name,
        latencyMs: elapsed(started),
      };
      if (status >= 500) this.logger.warn(failed);
      else this.logger.log(failed);
      throw mapped;
    } finally {
      clearTimeout(timer);
    }
  }

  private observe(request: UpstreamRequest<UpstreamOperation, unknown>, outcome: string, started: number): void {
    const { provider, action } = request.operation;
    const region = this.region.of(request.region ?? this.regions.default);
    this.duration.observe({ provider, operation: action, outcome, ...region }, (performance.now() - started) / 1000);
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
