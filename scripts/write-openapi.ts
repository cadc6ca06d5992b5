/** Regenerates the committed openapi.json from the code: `npm run openapi`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiJson } from '../apps/upload-api/src/bootstrap/generate-openapi';

void generateOpenApiJson().then((json) => {
  const target = join(__dirname, '..', 'openapi.json');
  writeFileSync(target, json);
  process.stdout.write(`wrote ${target}\n`);
});
