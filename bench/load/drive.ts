import autocannon from 'autocannon';
import { type LatencySummary, LatencyRecorder } from '../metrics/latency';
import type { ServiceScenario } from './scenarios';

export interface LoadResult {
  /** Responses received (any status). */
  responses: number;
  seconds: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** Responses by status code. */
  statuses: Record<string, number>;
  /** Socket errors and timeouts: no response at all. */
  errors: number;
}

/** Runs one scenario against the service for `seconds` over `connections` kept-alive connections. */
export async function drive(baseUrl: string, scenario: ServiceScenario, connections: number, seconds: number): Promise<LoadResult> {
  const latencies = new LatencyRecorder();
  const instance = autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [scenario.request()],
  });
  instance.on('response', (_client, _status, _bytes, responseTimeMs) => latencies.record(responseTimeMs));
  const result = await instance;
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]));
  const responses = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  return {
    responses,
    seconds: result.duration,
    requestsPerSecond: responses / result.duration,
    latency: latencies.summary(),
    statuses,
    errors: result.errors + result.timeouts,
  };
}
