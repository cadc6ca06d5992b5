import type { IncomingHttpHeaders } from 'node:http';

export interface EmulatorRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names, as Node gives them. */
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON. */
  body: unknown;
}

export type FaultKind = 'latency' | 'server-error' | 'throttle' | 'hang';

/** One cloud API the emulator stands in for. Each provider lives in its own folder. */
export interface ProviderEmulator {
  readonly name: string;
  /** Whether this request is addressed to this provider (by its headers). */
  matches(request: EmulatorRequest): boolean;
  /** The API operation named by the request, for fault targeting and call counting. */
  operation(request: EmulatorRequest): string;
  handle(request: EmulatorRequest): Promise<EmulatorResponse> | EmulatorResponse;
  /** The provider's own answer for an injected fault. */
  faultResponse(kind: 'server-error' | 'throttle', request: EmulatorRequest): EmulatorResponse;
}
