import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spawnService, type ServiceProcess } from './support/spawn-service';
import { until } from './support/until';

const run = promisify(execFile);
const CLIENT = join(__dirname, '..', 'libs', 'client');
const TSC = require.resolve('typescript/bin/tsc');

/** What a consumer writes: the same calls through `import` (ESM) and `require` (CommonJS). */
const program = (load: string) => `${load}
const api = createUploadClient({ baseUrl: process.env.BASE_URL, getToken: () => process.env.TOKEN });
(async () => {
  const me = await api.getMe();
  const created = await api.createAliyunVodVideoUpload({ title: 'Packed client', fileName: 'clip.mp4' }, { idempotencyKey: 'packed-1' });
  const refreshed = await api.refreshAliyunVodVideoUpload(created.data.videoId);
  const refused = await api.createAliyunVodVideoUpload({ title: ' ', fileName: 'clip.mp4' });
  console.log(JSON.stringify({ me: me.data, videoId: created.data.videoId, refreshed: refreshed.data.videoId, refused: refused.error }));
})();
`;

/** Typed use, checked by the TypeScript compiler against the package's declarations. */
const TYPED = `import { createUploadClient, type Problem, type Schemas } from '@upload-bff/client';
const api = createUploadClient({ baseUrl: 'https://uploads.example.com', getToken: () => 'token' });
export async function videoId(): Promise<string | Problem> {
  const body: Schemas['CreateUploadVideoDto'] = { title: 'Typed', fileName: 'clip.mp4' };
  const { data, error } = await api.createAliyunVodVideoUpload(body);
  return error ?? data.videoId;
}
`;

/**
 * The client as an app gets it: `npm pack` of libs/client, installed into a fresh project outside
 * this repository (no path mapping, no access to its sources), driving a sandbox service.
 */
describe('The packed client package', () => {
  let scratch: string;
  let app: string;
  let service: ServiceProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'client-package-'));
    app = join(scratch, 'app');
    mkdirSync(app);
    service = spawnService({ PORT: '0' }, scratch);
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: CLIENT });
    const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string }[];
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    // Its one dependency (openapi-fetch) comes from npm's cache when it holds it, else from the registry.
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(scratch, filename)], { cwd: app });
    const base = `http://127.0.0.1:${await service.listening}`;
    await until(() => /export TOKEN='/.test(service.stderr()), 5_000, 'the sandbox banner');
    env = { PATH: process.env.PATH ?? '', BASE_URL: base, TOKEN: /export TOKEN='([^']+)'/.exec(service.stderr())![1] };
  }, 120_000);

  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exited;
    rmSync(scratch, { recursive: true, force: true });
  });

  it.each([
    ['import (ES module)', 'consumer.mjs', "import { createUploadClient } from '@upload-bff/client';"],
    ['require (CommonJS)', 'consumer.cjs', "const { createUploadClient } = require('@upload-bff/client');"],
  ])('drives the sandbox through %s', async (_how, file, load) => {
    writeFileSync(join(app, file), program(load));
    const { stdout } = await run(process.execPath, [file], { cwd: app, env });
    const result = JSON.parse(stdout);
    expect(result.me).toMatchObject({ id: 'sandbox-user' });
    expect(result.videoId).toEqual(expect.any(String));
    expect(result.refreshed).toBe(result.videoId);
    expect(result.refused).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'title' }] });
  });

  it('gives a TypeScript app the types of every operation', async () => {
    writeFileSync(join(app, 'typed.ts'), TYPED);
    const strict = [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--target',
      'es2022',
      '--lib',
      'es2022,dom',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
    ];
    await expect(run(process.execPath, [TSC, ...strict, 'typed.ts'], { cwd: app })).resolves.toBeDefined();
    writeFileSync(join(app, 'mistyped.ts'), TYPED.replace("fileName: 'clip.mp4'", 'fileName: 42'));
    await expect(run(process.execPath, [TSC, ...strict, 'mistyped.ts'], { cwd: app })).rejects.toMatchObject({
      stdout: expect.stringContaining("Type 'number' is not assignable to type 'string'"),
    });
  }, 30_000);

  it('holds only the built code, its types and the README', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: CLIENT });
    const [{ files }] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { files: { path: string }[] }[];
    const paths = files.map((file) => file.path).sort();
    expect(paths).toContain('dist/esm/index.js');
    expect(paths).toContain('dist/cjs/index.js');
    expect(paths).toContain('dist/types/generated/schema.d.ts');
    // The table the methods are built from is code: compiled into both module formats, with its types.
    expect(paths).toEqual(
      expect.arrayContaining([
        'dist/esm/generated/operations.js',
        'dist/cjs/generated/operations.js',
        'dist/types/generated/operations.d.ts',
      ]),
    );
    expect(paths.filter((path) => !/^dist\/(esm|cjs|types)\//.test(path))).toEqual(['README.md', 'package.json']);
    // npm itself takes seconds to start on a busy machine.
  }, 30_000);
});
