import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { REQUEST_ID_HEADER } from '@app/common';

/**
 * The headers @fastify/helmet sends for `options`, learnt once at start-up from a throwaway
 * instance (the headers it adds to an empty route). Registered on the app, the plugin builds
 * helmet's middleware anew, re-parsing the CSP, on every request: about a tenth of the CPU of a
 * cheap request. With static options (no CSP nonces) every header is the same on every response.
 */
export async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  if (options.enableCSPNonces) throw new RangeError('CSP nonces differ per response; they cannot be precomputed');
  const headersOf = async (withHelmet: boolean) => {
    const probe = Fastify();
    if (withHelmet) await probe.register(helmet, options);
    probe.get('/', () => '');
    const response = await probe.inject({ method: 'GET', url: '/' });
    await probe.close();
    return response.headers;
  };
  const [plain, secured] = await Promise.all([headersOf(false), headersOf(true)]);
  const added = Object.entries(secured).filter(([name, value]) => plain[name] === undefined && typeof value === 'string');
  return Object.fromEntries(added) as Record<string, string>;
}

/**
 * Every response, error pages and preflights included, carries the security headers (as the
 * plugin did) and our request id: one hook for both.
 */
export function registerResponseHeaders(fastify: FastifyInstance, securityHeaders: Record<string, string>): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders).header(REQUEST_ID_HEADER, request.id);
    done();
  });
}
