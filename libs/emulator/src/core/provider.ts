import type { IncomingHttpHeaders } from 'node:http';

/** What is known of a request before its body is read: enough to choose the provider. */
export interface EmulatorRequestHead {
  method: string;
  /** Path and query as received. */
  url: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names, as Node gives them. */
  headers: IncomingHttpHeaders;
}

export interface EmulatorRequest extends EmulatorRequestHead {
  rawBody: Buffer;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /**
   * A Buffer or a string is sent as it is (the storage stand-ins' XML and object bytes, with their
   * own content-type); null sends no body; anything else is serialised as JSON.
   */
  body: unknown;
}

/** `denied`: the provider refuses the key the call (a RAM/CAM policy without the action), where it has such an answer. */
export type FaultKind = 'latency' | 'server-error' | 'throttle' | 'hang' | 'denied';

/** One cloud API the emulator stands in for. Each provider lives in its own folder. */
export interface ProviderEmulator {
  readonly name: string;
  /** The largest request body this provider reads; the server's default (1 MiB) when absent. */
  readonly maxBodyBytes?: number;
  /** Whether this request is addressed to this provider (by its headers and path). */
  matches(request: EmulatorRequestHead): boolean;
  /** The API operation named by the request, for fault targeting and call counting. */
  operation(request: EmulatorRequestHead): string;
  handle(request: EmulatorRequest): Promise<EmulatorResponse> | EmulatorResponse;
  /** The provider's own answer for an injected fault. */
  faultResponse(kind: 'server-error' | 'throttle', request: EmulatorRequest): EmulatorResponse;
  /** The provider's own answer when the caller's key may not call the operation (the `denied` fault); absent: never denied. */
  deniedResponse?(request: EmulatorRequest): EmulatorResponse;
  /** Its own routes under /__emulator/ (a test sets what the API reports of a stored media, say). */
  controls?(): ControlRoute[];
}

/** An extra route under /__emulator/ (the storage stand-ins' credential controls, simulated completions). */
export interface ControlRoute {
  method: string;
  /** The path after /__emulator/. */
  action: string;
  /** The request body parsed as JSON (`{}` when empty). */
  handle(body: unknown): EmulatorResponse | Promise<EmulatorResponse>;
}
