import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_SCHEMA, generateClientSchema } from '../scripts/generate-client';

describe('Generated client types', () => {
  it('are committed as generated from openapi.json: run `npm run client` after `npm run openapi`', async () => {
    expect(readFileSync(CLIENT_SCHEMA, 'utf8')).toBe(await generateClientSchema());
  });

  it('change when the document does (the check is not vacuous)', async () => {
    const document = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));
    document.components.schemas.PrincipalDto.properties.id.description = 'Changed.';
    expect(await generateClientSchema(JSON.stringify(document))).not.toBe(readFileSync(CLIENT_SCHEMA, 'utf8'));
  });
});
