import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode, MetricsService, type Problem, PROBLEM_CONTENT_TYPE, problemOf, REQUEST_ID_HEADER, requestIdFrom } from '@app/common';
import type { AppConfig } from '@app/config';

export const METRICS_LISTENER_SETTINGS = Symbol('METRICS_LISTENER_SETTINGS');
export type MetricsListenerSettings = NonNullable<AppConfig['metrics']['listener']>;

/** A port that could not be bound: main says so and stops, as it does for the public port. */
export class ListenError extends Error {
  constructor(
    readonly code: string | undefined,
    readonly host: string,
    readonly port: number,
  ) {
    super(`cannot listen on ${host}:${port}${code ? ` (${code})` : ''}`);
  }
}

/**
 * METRICS_PORT: GET /metrics on a listener of its own, which Prometheus reaches and the gateway does not.
 * Plain node:http with one route: none of the API's pipeline (tokens, limits, bodies) has anything to do here.
 * It opens when the app starts and closes after the public listener has drained, so a last scrape still sees it.
 */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsListener.name);
  // A scrape is one short GET: nothing here waits for a slow client.
  private readonly server = createServer({ requestTimeout: 10_000, headersTimeout: 5_000 }, (request, response) => {
    void this.answer(request, response);
  });

  constructor(
    private readonly metrics: MetricsService,
    @Inject(METRICS_LISTENER_SETTINGS) private readonly settings: MetricsListenerSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { host, port } = this.settings;
    await new Promise<void>((resolve, reject) => {
      const refused = (error: NodeJS.ErrnoException) => reject(new ListenError(error.code, host, port));
      this.server.once('error', refused);
      this.server.listen(port, host, () => {
        this.server.off('error', refused);
        resolve();
      });
    });
    this.server.on('error', (error) => this.logger.error(error));
    this.logger.log(`serving /metrics on ${host.includes(':') ? `[${host}]` : host}:${port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server.listening) return;
    // Node's close() also ends idle keep-alive connections; an in-flight scrape finishes first.
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = requestIdFrom(request);
    const path = (request.url ?? '/').split('?', 1)[0];
    if (path !== '/metrics') {
      return problem(response, requestId, problemOf(404, ErrorCode.NOT_FOUND, `No route matches ${request.method} ${path}.`, requestId));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const refusal = problemOf(405, ErrorCode.METHOD_NOT_ALLOWED, `${request.method} is not supported on this path.`, requestId);
      return problem(response, requestId, refusal, { allow: 'GET, HEAD' });
    }
    try {
      const body = await this.metrics.render();
      response.writeHead(200, {
        'content-type': this.metrics.registry.contentType,
        'content-length': Buffer.byteLength(body),
        [REQUEST_ID_HEADER]: requestId,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      this.logger.error(error);
      problem(response, requestId, problemOf(500, ErrorCode.INTERNAL, 'The metrics could not be rendered.', requestId));
    }
  }
}

function problem(response: ServerResponse, requestId: string, body: Problem, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(body.status, {
    ...headers,
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    [REQUEST_ID_HEADER]: requestId,
  });
  response.end(text);
}
