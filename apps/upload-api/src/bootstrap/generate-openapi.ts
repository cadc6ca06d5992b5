import { createLogger } from '@app/common';
import { loadServiceConfig } from '../providers';
import { createApp } from './create-app';
import { buildOpenApiDocument } from './openapi';

/** A fixed configuration, so the document depends on the code only, never on a deployment. */
const CANONICAL_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DOCS_ENABLED: 'false',
  AUTH_JWT_SECRET: 'openapi-generation-only-0123456789abcdef',
};

/** The OpenAPI document as committed in openapi.json: pretty-printed, trailing newline. */
export async function generateOpenApiJson(): Promise<string> {
  const config = loadServiceConfig(CANONICAL_ENV);
  const app = await createApp(config, { logger: createLogger({ level: 'silent' }) });
  try {
    return `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
