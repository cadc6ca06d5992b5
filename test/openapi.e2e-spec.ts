import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiJson } from '../apps/upload-api/src/bootstrap/generate-openapi';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

describe('OpenAPI document', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  it('is committed as generated: run `npm run openapi` after changing a controller or DTO', async () => {
    const committed = readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8');
    expect(committed).toBe(await generateOpenApiJson());
  });

  it('is served at /docs-json with the bearer scheme and the problem schema', async () => {
    const document = await (await fetch(`${sut.url}/docs-json`)).json();
    expect(document.info).toMatchObject({ title: 'Upload credentials BFF', version: expect.any(String) });
    expect(document.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(document.components.schemas.ProblemDto.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'requestId']),
    );
    expect(document.paths['/v1/me'].get.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/v1/me'].get.responses['401'].content['application/problem+json']).toBeDefined();
  });

  it('gives every operation a unique operationId', async () => {
    const document = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));
    const ids = Object.values(document.paths).flatMap((item) => Object.values(item as object).map((op) => op.operationId));
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await fetch(`${sut.url}/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });

  it('never contains a configured secret', async () => {
    const served = await (await fetch(`${sut.url}/docs-json`)).text();
    expect(served).not.toContain(TEST_JWT_SECRET);
  });
});
