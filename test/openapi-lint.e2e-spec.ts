import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..');
const REDOCLY = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
const run = promisify(execFile);

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

/** `redocly lint` with our redocly.yaml, as `npm run lint:openapi` runs it; the JSON report. */
async function lint(file: string): Promise<LintProblem[]> {
  const args = [REDOCLY, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format=json', '--max-problems=1000'];
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  // Errors make it exit 1; the report is on stdout either way.
  const { stdout } = await run(process.execPath, args, { cwd: ROOT, env }).catch((failure: { stdout: string }) => failure);
  return (JSON.parse(stdout) as { problems: LintProblem[] }).problems;
}

const readDocument = () => JSON.parse(readFileSync(join(ROOT, 'openapi.json'), 'utf8'));
const pointer = (...segments: string[]) => `#/${segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

describe('OpenAPI lint (redocly.yaml)', () => {
  it('passes openapi.json with no error and no warning', async () => {
    expect(await lint(join(ROOT, 'openapi.json'))).toEqual([]);
  });

  describe('catches what it promises to', () => {
    let problems: LintProblem[];

    beforeAll(async () => {
      const document = readDocument();
      const op = (path: string, method = 'post') => document.paths[path][method];
      delete op('/v1/me', 'get').tags;
      delete op('/v1/me', 'get').responses['401'];
      delete op('/v1/uploads/aliyun-vod/images').summary;
      delete op('/v1/uploads/aliyun-ims/media/{mediaId}/refresh').operationId;
      op('/v1/uploads/tencent-vod/media').tags = ['tencent'];
      delete op('/v1/uploads/aliyun-vod/videos').requestBody.content['application/json'].examples;
      delete op('/v1/uploads/aliyun-vod/videos/{videoId}/refresh').responses['200'].content['application/json'].example;
      op('/v1/uploads/aliyun-vod/attached-media').requestBody.content['application/json'].examples.watermark.value.title = 42;
      const notFound = op('/v1/uploads/tencent-vod/media/{uploadId}/commit').responses['404'];
      notFound.content = { 'application/json': notFound.content['application/problem+json'] };
      delete op('/healthz', 'get').security;
      delete document.components.schemas.HealthDto.properties.status.example;
      delete document.tags[0].description;
      delete document.info.license;

      const dir = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
      try {
        await writeFile(join(dir, 'openapi.json'), JSON.stringify(document));
        problems = await lint(join(dir, 'openapi.json'));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it.each([
      ['rule/operation-tagged', pointer('paths', '/v1/me', 'get')],
      ['operation-tag-defined', pointer('paths', '/v1/me', 'get')],
      ['rule/operation-4xx-response', pointer('paths', '/v1/me', 'get', 'responses')],
      ['operation-summary', pointer('paths', '/v1/uploads/aliyun-vod/images', 'post')],
      ['rule/operation-identity', pointer('paths', '/v1/uploads/aliyun-vod/images', 'post')],
      ['operation-operationId', pointer('paths', '/v1/uploads/aliyun-ims/media/{mediaId}/refresh', 'post')],
      ['operation-tag-defined', pointer('paths', '/v1/uploads/tencent-vod/media', 'post', 'tags')],
      ['rule/request-body-example', pointer('paths', '/v1/uploads/aliyun-vod/videos', 'post', 'requestBody')],
      ['rule/success-response-example', pointer('paths', '/v1/uploads/aliyun-vod/videos/{videoId}/refresh', 'post', 'responses', '200')],
      ['no-invalid-media-type-examples', pointer('paths', '/v1/uploads/aliyun-vod/attached-media', 'post', 'requestBody')],
      [
        'operation-4xx-problem-details-rfc7807',
        pointer('paths', '/v1/uploads/tencent-vod/media/{uploadId}/commit', 'post', 'responses', '404'),
      ],
      ['security-defined', pointer('paths', '/healthz', 'get')],
      ['scalar-property-missing-example', pointer('components', 'schemas', 'HealthDto', 'properties', 'status')],
      ['tag-description', pointer('tags', '0')],
      ['info-license', pointer('info')],
    ])('%s at %s', (ruleId, at) => {
      const found = problems.filter((problem) => problem.ruleId === ruleId && problem.location.some((l) => l.pointer.startsWith(at)));
      expect(found).toEqual([expect.objectContaining({ severity: 'error' })]);
    });

    it('reports nothing else', () => {
      expect(problems.map((problem) => problem.ruleId).sort()).toEqual(
        [
          'info-license',
          'no-invalid-media-type-examples',
          'operation-4xx-problem-details-rfc7807',
          'operation-operationId',
          'operation-summary',
          'operation-tag-defined',
          'operation-tag-defined',
          'rule/operation-4xx-response',
          'rule/operation-identity',
          'rule/operation-identity',
          'rule/operation-tagged',
          'rule/request-body-example',
          'rule/success-response-example',
          'scalar-property-missing-example',
          'security-defined',
          'tag-description',
        ].sort(),
      );
    });
  });
});

/** Credential-shaped text: Alibaba AccessKey ids (LTAI…), Tencent SecretIds (AKID…), a secret's value. */
const CREDENTIAL = /LTAI[0-9A-Za-z]{8,}|AKID[0-9A-Za-z]{8,}|"(AccessKeySecret|SecretKey|SecurityToken)":"[^*"x]/;

/** Every string of the document and, for base64-looking ones, what they decode to (upload SDK values are base64 JSON). */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') {
    const base64 = value.replace(/\*+$/, '').replace(/[^A-Za-z0-9+/=_-]/g, '');
    return [value, Buffer.from(base64.slice(0, base64.length - (base64.length % 4)), 'base64').toString('latin1')];
  }
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(textsOf);
  return [];
}

describe('OpenAPI examples', () => {
  it('hold no credential, in clear or inside a base64 example', () => {
    expect(textsOf(readDocument()).filter((text) => CREDENTIAL.test(text))).toEqual([]);
  });

  it('would be caught holding one (the check is not vacuous)', () => {
    const leaked = `${Buffer.from(`{"AccessKeyId":"LTAI${'0'.repeat(20)}",`).toString('base64')}***`;
    expect(textsOf({ example: leaked }).filter((text) => CREDENTIAL.test(text))).toHaveLength(1);
  });
});
