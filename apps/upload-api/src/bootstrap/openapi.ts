import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BEARER_SCHEME } from '@app/auth';
import { FieldErrorDto, ProblemDto } from '@app/common';
import { CATALOG } from '../providers';
import { WebhookEventDto } from '../webhooks/webhook-event.dto';
import { version } from '../../../../package.json';
import { webhookOperations } from './openapi-webhooks';

/** Every tag an operation may carry, in the order the docs show them. */
const TAGS: [name: string, description: string][] = [
  ['health', 'Probes for the orchestrator and load balancer: no token, no rate limit.'],
  ['auth', 'Who the bearer token stands for.'],
  // Each product's credential routes, as its provider describes them.
  ...CATALOG.products.map((product): [string, string] => [product.id, product.description]),
  ['uploads', 'Your uploads: their status from credential to completion (the provider event), listing, and revoking.'],
  [
    'events',
    "The providers' completion events, called by the clouds, not by apps: callbacks signed by the provider, or PUSH " +
      'callbacks to a secret URL. Each receiver is off (404) until its secret is configured.',
  ],
  [
    'webhooks',
    "Deliveries to the app's backend (WEBHOOK_URL), signed per Standard Webhooks: one per upload event, at least once (x-webhooks).",
  ],
  [
    'sandbox',
    "Sandbox mode only (no configuration): where the upload SDKs reach the emulator's storage stand-ins, and what the " +
      'built-in webhook sink received. Every route here answers 404 elsewhere.',
  ],
];

const DESCRIPTION = [
  `Issues short-lived upload credentials for ${productList(CATALOG.products.map((product) => product.name))} to signed-in users.`,
  'Send the bearer JWT of the signed-in user; the service holds the cloud keys and returns only what the provider upload SDK needs.',
  'Create routes accept an `Idempotency-Key`, so a retry returns the first answer instead of a second upload.',
  'Errors are application/problem+json (RFC 9457) with a stable `code` and the `requestId`; 429 and 503 answers carry `Retry-After`.',
].join('\n\n');

/** "A, B and C". */
function productList(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? 'no cloud product') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Upload credentials BFF')
    .setDescription(DESCRIPTION)
    .setVersion(version)
    // Relative: whichever host serves this document (Swagger UI at /docs) is the one it describes.
    .addServer('/', 'The deployment serving this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME);
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const config = builder.build();
  // Internal API of our own apps (package.json: UNLICENSED): no public licence text to link to.
  config.info.license = { name: 'Proprietary' };
  // The builder starts with an empty contact object; say nothing rather than nothing useful.
  delete config.info.contact;
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    extraModels: [ProblemDto, FieldErrorDto, WebhookEventDto],
  });
  // OpenAPI 3.0 has no `webhooks` section (3.1 has; @nestjs/swagger writes 3.0): Redoc's x-webhooks carries them.
  return Object.assign(document, { 'x-webhooks': webhookOperations() });
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: undefined, raw: ['json'] });
}
