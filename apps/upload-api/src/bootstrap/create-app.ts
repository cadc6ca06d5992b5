import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ModuleMetadata } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  createLogger,
  createValidationPipe,
  decorateMatchedRoute,
  PinoNestLogger,
  ProblemFilter,
  ProblemWriter,
  registerRequestContext,
  RouteMethods,
} from '@app/common';
import type { AppConfig } from '@app/config';
import { ProtectionMetrics, RequestGate } from '@app/protection';
import { AppModule } from '../app.module';
import type { SandboxServices } from '../sandbox/sandbox-services';
import { MetricsService } from '@app/common';
import { registerRequestMetrics } from '../metrics/request-metrics';
import { BelowTheRouter } from './below-the-router';
import { registerBodyParsers } from './body-parsers';
import { drainOnClose } from './drain-on-close';
import { corsOptions, refuseMalformedPreflights } from './preflight-guard';
import { registerLivenessLane } from './liveness-lane';
import { fastifyOptions } from './fastify-options';
import { helmetHeaders, registerResponseHeaders } from './security-headers';
import { buildOpenApiDocument, serveOpenApi } from './openapi';

export interface CreateAppOptions {
  logger?: Logger;
  /** Extra modules, for tests that need a fixture route. */
  imports?: ModuleMetadata['imports'];
  /** What sandbox mode started (GET /v1/sandbox, its webhook sink, /demo); absent outside the sandbox. */
  sandbox?: SandboxServices;
}

/** Builds the whole service, initialised and ready to listen or to be driven by inject(). */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createLogger({ level: config.log.level });
  const routes = new RouteMethods();
  const problems = new ProblemWriter(routes, logger);
  const securityHeaders = await helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Helmet's default would make a browser fetch /docs' scripts over https from a plain-http deployment (blank page).
        upgradeInsecureRequests: null,
      },
    },
    crossOriginResourcePolicy: { policy: config.http.corsOrigins.length > 0 ? 'cross-origin' : 'same-origin' },
  });
  const belowTheRouter = new BelowTheRouter(problems, securityHeaders, config.http.requestTimeoutMs);
  const adapter = new FastifyAdapter(fastifyOptions(config, logger, problems, belowTheRouter));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.imports, options.sandbox), adapter, {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();

  decorateMatchedRoute(fastify);
  registerLivenessLane(fastify, securityHeaders);
  routes.attach(fastify);
  registerBodyParsers(fastify);
  await registerRequestContext(fastify);
  if (config.metrics.enabled) registerRequestMetrics(fastify, app.get(MetricsService));

  registerResponseHeaders(fastify, securityHeaders);
  app.get(RequestGate).register(fastify, problems);
  belowTheRouter.attach(fastify.server, fastify);
  drainOnClose(fastify, problems);
  if (config.http.corsOrigins.length > 0) {
    refuseMalformedPreflights(fastify, problems);
    app.enableCors(corsOptions(config.http.corsOrigins));
  }

  const protectionMetrics = app.get(ProtectionMetrics);
  problems.observe((problem) => protectionMetrics.observeProblem(problem.code));
  app.useGlobalFilters(new ProblemFilter(problems));
  app.useGlobalPipes(createValidationPipe());

  if (config.docs.enabled) serveOpenApi(app, buildOpenApiDocument(app));
  await app.init();
  await fastify.ready();
  return app;
}
