/** What one measured scenario yields; the report and the targets are computed from these only. */
export interface Figures {
  id: string;
  title: string;
  /** A scenario against the service, or a bare SDK loop. */
  subject: 'service' | 'sdk-loop';
  connections: number;
  seconds: number;
  /** Completed requests (service) or successful calls (loop). */
  completed: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of the subject process (the service, or the loop process) per completed request. */
  cpuMicrosPerRequest: number;
  /** Peak RSS of the subject process during the scenario (VmHWM reset at its start when allowed). */
  peakRssBytes: number;
  /** What the other processes spent per request: where the rest of the machine went. */
  otherCpuMicrosPerRequest: Partial<Record<'emulator' | 'redis' | 'loadGenerator', number>>;
  /** Emulated cloud calls per request: 1 when the work is done, 0 when it is rightly skipped. */
  upstreamCallsPerRequest?: number;
  /** Responses with another status than the scenario's one, failed calls, socket errors. */
  unexpected: number;
  statuses: Record<string, number>;
  note?: string;
}
