import { randomUUID } from 'node:crypto';
import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { ApiError, ErrorCode, type ProblemWriter, requestIdFrom } from '@app/common';

/**
 * Everything Node's HTTP server would answer on its own (a plain-text or empty 400, 408, 417, 431,
 * a silent close), answered as our problem+json with a request id instead.
 */
export class BelowTheRouter {
  constructor(
    private readonly problems: ProblemWriter,
    private readonly securityHeaders: Record<string, string>,
    private readonly requestTimeoutMs: number,
  ) {}

  /** Fastify's clientErrorHandler: llhttp's parse errors (HPE_*), oversized headers, the request timeout. */
  readonly clientErrorHandler: NonNullable<FastifyServerOptions['clientErrorHandler']> = (error, socket) => {
    // Nobody is left to answer. Never log `error` itself: its rawPacket holds the request's bytes, tokens included.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    // A response already on its way cannot be followed by another; Node checks the same.
    const responding = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (socket.writable && !responding) this.writeTo(socket, this.errorFor(error.code));
    socket.destroy();
  };

  /** Node's own answers that bypass clientError: unknown Expect (417), CONNECT (a silent close), no Host (400). */
  attach(server: Server, fastify: FastifyInstance): void {
    server.on('checkExpectation', (request, response) => {
      const answer = this.problems.belowRouter(
        new ApiError(417, ErrorCode.EXPECTATION_FAILED, 'Only "Expect: 100-continue" is supported.'),
        requestIdFrom(request),
      );
      response.writeHead(answer.status, { ...this.securityHeaders, ...answer.headers }).end(answer.body);
    });
    server.on('connect', (_request, socket: Duplex) => {
      this.writeTo(socket, new ApiError(405, ErrorCode.METHOD_NOT_ALLOWED, 'CONNECT is not supported.'));
      socket.destroy();
    });
    // Node's check (http.createServer requireHostHeader) answers with an empty body; this one with a problem.
    // A callback hook, not an async one: no promise per request for a check that almost never refuses.
    fastify.addHook('onRequest', (request, reply, done) => {
      if (request.headers.host !== undefined || request.raw.httpVersion !== '1.1') return done();
      reply.header('connection', 'close');
      this.problems.write(new ApiError(400, ErrorCode.MALFORMED_REQUEST, 'An HTTP/1.1 request needs a Host header.'), request, reply);
    });
  }

  private errorFor(code: string | undefined): ApiError {
    switch (code) {
      case 'ERR_HTTP_REQUEST_TIMEOUT':
        return new ApiError(408, ErrorCode.REQUEST_TIMEOUT, `The whole request must arrive within ${this.requestTimeoutMs} ms.`);
      case 'HPE_HEADER_OVERFLOW':
        return new ApiError(431, ErrorCode.HEADERS_TOO_LARGE, 'The request line and headers must fit in 16 KB.');
      default:
        return new ApiError(400, ErrorCode.MALFORMED_REQUEST, 'The request is not valid HTTP/1.1.');
    }
  }

  private writeTo(socket: Duplex, error: ApiError): void {
    const { status, headers, body } = this.problems.belowRouter(error, randomUUID());
    const lines = Object.entries({ ...this.securityHeaders, ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('')}\r\n${body}`);
  }
}
