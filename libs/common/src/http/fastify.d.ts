import 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Our problem code when the request failed, for the access log. */
    problemCode?: string;
  }
}
