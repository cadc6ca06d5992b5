import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_OPERATIONS, CLIENT_SCHEMA, generateClientOperations, generateClientSchema } from '../scripts/generate-client';

const openapiJsonWith = (change: (document: any) => void) => {
  const document = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));
  change(document);
  return JSON.stringify(document);
};

describe('Generated client types', () => {
  it('are committed as generated from openapi.json: run `npm run client` after `npm run openapi`', async () => {
    expect(readFileSync(CLIENT_SCHEMA, 'utf8')).toBe(await generateClientSchema());
  });

  it('change when the document does (the check is not vacuous)', async () => {
    const changed = openapiJsonWith((document) => (document.components.schemas.PrincipalDto.properties.id.description = 'Changed.'));
    expect(await generateClientSchema(changed)).not.toBe(readFileSync(CLIENT_SCHEMA, 'utf8'));
  });
});

describe('Generated client operations (the table its methods are built from)', () => {
  it('are committed as generated from openapi.json: run `npm run client` after `npm run openapi`', () => {
    expect(readFileSync(CLIENT_OPERATIONS, 'utf8')).toBe(generateClientOperations());
  });

  it('change when the document does (the check is not vacuous)', () => {
    const changed = openapiJsonWith((document) => (document.paths['/v1/me'].get.summary = 'Changed.'));
    expect(generateClientOperations(changed)).not.toBe(readFileSync(CLIENT_OPERATIONS, 'utf8'));
  });
});
