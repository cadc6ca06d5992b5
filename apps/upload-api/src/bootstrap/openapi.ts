import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BEARER_SCHEME } from '@app/auth';
import { FieldErrorDto, ProblemDto } from '@app/common';
import { version } from '../../../../package.json';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Upload credentials BFF')
    .setDescription(
      'Issues short-lived upload credentials for Alibaba Cloud VOD and IMS and Tencent Cloud VOD to ' +
        'signed-in users. Errors are application/problem+json (RFC 9457) with a stable `code`.',
    )
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    extraModels: [ProblemDto, FieldErrorDto],
  });
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: undefined, raw: ['json'] });
}
