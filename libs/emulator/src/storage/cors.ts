import type { EmulatorRequestHead, EmulatorResponse } from '../core/provider';
import { headerValue as header } from './request-parts';

/**
 * The CORS rule web uploads need on a storage bucket: any origin (the sandbox serves whatever page
 * a developer opens), the upload methods, and `exposed` readable (the SDKs refuse to go on
 * without the ETag of a part). No Origin, no CORS headers.
 */
export function corsHeaders(request: EmulatorRequestHead, exposed: string): Record<string, string> {
  const origin = header(request, 'origin');
  if (origin === undefined) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, PUT, POST, DELETE, HEAD',
    'access-control-expose-headers': exposed,
    'access-control-max-age': '600',
    vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
}

/** A browser's preflight, answered before any signature check (it carries none); undefined without an Origin. */
export function preflightAnswer(request: EmulatorRequestHead, exposed: string): EmulatorResponse | undefined {
  const cors = corsHeaders(request, exposed);
  if (!cors['access-control-allow-origin']) return undefined;
  const requested = header(request, 'access-control-request-headers');
  return { status: 200, headers: { ...cors, ...(requested ? { 'access-control-allow-headers': requested } : {}) }, body: null };
}
