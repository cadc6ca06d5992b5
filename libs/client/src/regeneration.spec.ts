import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import ts from 'typescript';
import { generateClientOperations, generateClientSchema } from '../../../scripts/generate-client';
import type { createUploadClient as CreateUploadClient } from './upload-client';

const SRC = __dirname;
const OPENAPI_JSON = join(SRC, '..', '..', '..', 'openapi.json');
const PROVIDER_WORDS = ['aliyun', 'alibaba', 'tencent', 'vod', 'ims'];

/** openapi.json with the next upload kind's two operations, as the server would document them. */
function documentWithPodcast(): string {
  const document = JSON.parse(readFileSync(OPENAPI_JSON, 'utf8'));
  const like = (path: string, operationId: string, summary: string) => ({
    post: { ...structuredClone(document.paths[path].post), operationId, summary },
  });
  document.paths['/v1/uploads/aliyun-vod/podcasts'] = like(
    '/v1/uploads/aliyun-vod/videos',
    'createAliyunVodPodcastUpload',
    'Upload address and credential for a new podcast episode.',
  );
  document.paths['/v1/uploads/aliyun-vod/podcasts/{videoId}/refresh'] = like(
    '/v1/uploads/aliyun-vod/videos/{videoId}/refresh',
    'refreshAliyunVodPodcastUpload',
    'A fresh upload credential for your podcast episode.',
  );
  return JSON.stringify(document);
}

/** Parsed once: the libraries and openapi-fetch's declarations are the same for every check. */
const parsed = new Map<string, ts.SourceFile | undefined>();

/** Diagnostics of `consumer` against the unchanged facade beside a regenerated generated/ folder, all in memory. */
async function typeCheck(openapiJson: string, consumer: string): Promise<string[]> {
  const dir = join(SRC, '__regenerated__');
  const files = new Map([
    [join(dir, 'upload-client.ts'), readFileSync(join(SRC, 'upload-client.ts'), 'utf8')],
    [join(dir, 'generated', 'schema.d.ts'), await generateClientSchema(openapiJson)],
    [join(dir, 'generated', 'operations.ts'), generateClientOperations(openapiJson)],
    [join(dir, 'consumer.ts'), consumer],
  ]);
  const { config } = ts.readConfigFile(join(SRC, '..', 'tsconfig.build.json'), ts.sys.readFile);
  const options = { ...ts.parseJsonConfigFileContent(config, ts.sys, join(SRC, '..')).options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const readSource = host.getSourceFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.getSourceFile = (path, language, ...rest) => {
    const text = files.get(path);
    if (text !== undefined) return ts.createSourceFile(path, text, language);
    if (!parsed.has(path)) parsed.set(path, readSource(path, language, ...rest));
    return parsed.get(path);
  };
  host.fileExists = (path) => files.has(path) || exists(path);
  host.directoryExists = (path) => path.startsWith(dir) || ts.sys.directoryExists(path);
  host.readFile = (path) => files.get(path) ?? ts.sys.readFile(path);
  const program = ts.createProgram([join(dir, 'consumer.ts')], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
}

/** What a generated operations.ts exports, run as the package runs it. */
function load(operationsTs: string): Record<string, unknown> {
  const { outputText } = ts.transpileModule(operationsTs, { compilerOptions: { module: ts.ModuleKind.CommonJS } });
  const exports = {};
  (runInThisContext(`(function (exports) {${outputText}\n})`) as (exports: object) => void)(exports);
  return exports;
}

/** The unchanged facade, loaded with a regenerated operations.ts in place of the committed one. */
function facadeWith(operationsTs: string): typeof CreateUploadClient {
  const generated = load(operationsTs);
  let facade: typeof CreateUploadClient | undefined;
  jest.isolateModules(() => {
    jest.doMock('./generated/operations', () => generated);
    facade = jest.requireActual<{ createUploadClient: typeof CreateUploadClient }>('./upload-client').createUploadClient;
  });
  return facade!;
}

/** The words of a source file's identifiers and string literals (comments are not in the tree), in lower case. */
function namesIn(source: string): Set<string> {
  const words = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) || ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      for (const word of node.text.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)) words.add(word.toLowerCase());
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('source.ts', source, ts.ScriptTarget.Latest));
  return words;
}

const CONSUMER = `import { createUploadClient } from './upload-client.js';
const client = createUploadClient({ baseUrl: 'https://uploads.example.com', getToken: () => 'token' });
export async function upload(): Promise<string | undefined> {
  const created = await client.createAliyunVodPodcastUpload({ title: 'Podcast', fileName: 'episode.mp3' }, { idempotencyKey: 'key-1' });
  const refreshed = await client.refreshAliyunVodPodcastUpload(created.data!.videoId, { signal: AbortSignal.timeout(1_000) });
  // @ts-expect-error fileName is required
  await client.createAliyunVodPodcastUpload({ title: 'Podcast' });
  // @ts-expect-error the refresh takes the videoId
  await client.refreshAliyunVodPodcastUpload();
  // @ts-expect-error a refresh takes no Idempotency-Key
  await client.refreshAliyunVodPodcastUpload('video-1', { idempotencyKey: 'key-2' });
  return refreshed.data?.uploadAuth;
}
`;

describe('The client, regenerated from openapi.json with a new upload kind', () => {
  const withPodcast = documentWithPodcast();

  it('has a table entry for each new operation, read from the document alone', () => {
    const source = generateClientOperations(withPodcast);
    const { OPERATIONS } = load(source) as { OPERATIONS: Record<string, unknown> };

    expect(OPERATIONS.createAliyunVodPodcastUpload).toEqual({
      method: 'post',
      path: '/v1/uploads/aliyun-vod/podcasts',
      pathParams: [],
      query: 'none',
      body: 'required',
      idempotencyKey: true,
      public: false,
    });
    expect(OPERATIONS.refreshAliyunVodPodcastUpload).toMatchObject({ pathParams: ['videoId'], body: 'none', idempotencyKey: false });
    expect(source).toContain('     * Upload address and credential for a new podcast episode.\n');
  });

  it('gives each new operation a typed method, with the facade unchanged (checked by the TypeScript compiler)', async () => {
    expect(await typeCheck(withPodcast, CONSUMER)).toEqual([]);
    // The same code against the committed document: the methods come from the regenerated files.
    expect(await typeCheck(readFileSync(OPENAPI_JSON, 'utf8'), CONSUMER)).toContainEqual(
      expect.stringContaining("Property 'createAliyunVodPodcastUpload' does not exist"),
    );
  }, 30_000);

  it('calls the new routes, with the facade unchanged', async () => {
    const requests: Request[] = [];
    const fetch = async (request: Request) => {
      requests.push(request);
      return Response.json({}, { status: 201 });
    };
    const createClient = facadeWith(generateClientOperations(withPodcast));
    const sut = createClient({
      baseUrl: 'https://uploads.example.com',
      getToken: () => 'token-1',
      fetch: fetch as typeof globalThis.fetch,
    });
    const methods = sut as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;

    await methods.createAliyunVodPodcastUpload({ title: 'Podcast', fileName: 'episode.mp3' }, { idempotencyKey: 'key-1' });
    await methods.refreshAliyunVodPodcastUpload('video/1');

    expect(
      requests.map((request) => [
        request.method,
        request.url,
        request.headers.get('idempotency-key'),
        request.headers.get('authorization'),
      ]),
    ).toEqual([
      ['POST', 'https://uploads.example.com/v1/uploads/aliyun-vod/podcasts', 'key-1', 'Bearer token-1'],
      ['POST', 'https://uploads.example.com/v1/uploads/aliyun-vod/podcasts/video%2F1/refresh', null, 'Bearer token-1'],
    ]);
    expect(await requests[0].json()).toEqual({ title: 'Podcast', fileName: 'episode.mp3' });
  });
});

describe('The hand-written client', () => {
  const handWritten = readdirSync(SRC).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));

  it.each(handWritten)('%s names no provider (comments aside): its methods come from the generated table', (file) => {
    const names = namesIn(readFileSync(join(SRC, file), 'utf8'));
    expect(PROVIDER_WORDS.filter((word) => names.has(word))).toEqual([]);
  });

  it('is checked for provider names by a check that sees them', () => {
    const names = namesIn("// aliyun\nclient.applyTencentVodUpload(); post('/v1/uploads/aliyun-ims/media'); type T = `ims-${string}`;");
    expect(PROVIDER_WORDS.filter((word) => names.has(word))).toEqual(['aliyun', 'tencent', 'vod', 'ims']);
    expect(handWritten).toEqual(expect.arrayContaining(['index.ts', 'upload-client.ts']));
  });
});
