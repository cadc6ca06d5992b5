import { CpuWindow } from '../metrics/cpu-window';
import { peakRssBytes, resetPeakRss } from '../metrics/proc';
import type { Figures } from '../report/figures';
import { assertAlive } from '../stack/child-process';
import type { Stack } from '../stack/stack';
import { drive } from './drive';
import type { ServiceScenario } from './scenarios';

export interface MeasureOptions {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

/** Prepares and primes, warms up, then measures one scenario: throughput and latency from autocannon, CPU and memory from /proc. */
export async function measureScenario(stack: Stack, scenario: ServiceScenario, options: MeasureOptions): Promise<Figures> {
  const { service, emulator, redis } = stack;
  if (scenario.prepare) await scenario.prepare(service.url, emulator.url);
  if (scenario.prime) await prime(service.url, scenario);
  if (options.warmupSeconds > 0) await drive(service.url, scenario, options.connections, options.warmupSeconds);
  assertAlive(service.process);

  const cpu = new CpuWindow({ service: service.process.pid, emulator: emulator.process.pid, redis: redis.pid, loadGenerator: process.pid });
  const callsBefore = await emulator.calls();
  service.observePeakRss();
  const peakIsPerScenario = resetPeakRss(service.process.pid);
  cpu.start();
  const load = await drive(service.url, scenario, options.connections, options.durationSeconds);
  const spent = cpu.stop();
  const peak = peakRssBytes(service.process.pid);
  service.observePeakRss();
  assertAlive(service.process);
  const callsAfter = await emulator.calls();

  const perRequest = (micros: number) => micros / Math.max(1, load.responses);
  const unexpected =
    load.errors +
    Object.entries(load.statuses).reduce((sum, [status, count]) => sum + (Number(status) === scenario.expectedStatus ? 0 : count), 0);
  return {
    id: scenario.id,
    title: scenario.title,
    subject: 'service',
    connections: options.connections,
    seconds: load.seconds,
    completed: load.responses,
    requestsPerSecond: load.requestsPerSecond,
    p50Ms: load.latency.p50,
    p99Ms: load.latency.p99,
    cpuMicrosPerRequest: perRequest(spent.service),
    peakRssBytes: peak,
    otherCpuMicrosPerRequest: {
      emulator: perRequest(spent.emulator),
      redis: perRequest(spent.redis),
      loadGenerator: perRequest(spent.loadGenerator),
    },
    upstreamCallsPerRequest: (total(callsAfter) - total(callsBefore)) / Math.max(1, load.responses),
    unexpected,
    statuses: load.statuses,
    note: peakIsPerScenario ? undefined : 'peak RSS since the service started (VmHWM could not be reset)',
  };
}

/** The one request a scenario needs beforehand; its answer must be the expected one, or the scenario would measure something else. */
async function prime(baseUrl: string, scenario: ServiceScenario): Promise<void> {
  const request = scenario.request();
  const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  if (response.status !== scenario.prime!.expectedStatus) {
    throw new Error(
      `priming (${scenario.id}) answered ${response.status}, expected ${scenario.prime!.expectedStatus}: ${await response.text()}`,
    );
  }
}

const total = (calls: Record<string, number>) => Object.values(calls).reduce((sum, count) => sum + count, 0);
