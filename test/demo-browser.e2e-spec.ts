import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { allStarted, type LaunchedBrowser, launchBrowser } from './support/browser';
import { type SandboxApp, startSandboxApp } from './support/sandbox-app';
import { startTestApp } from './support/test-app';
import { UploadRecords, MediaVerifiers } from '@app/uploads';

const KiB = 1024;
const MiB = 1024 * KiB;
/** The sandbox's image limit: the image case stays under it, the oversize case goes over. */
const IMAGE_LIMIT = 256 * KiB;

interface Case {
  kind: string;
  name: string;
  mimeType: string;
  size: number;
  store: 'oss' | 'cos';
  expire?: boolean;
}

/** One upload per kind the page offers, each through the provider's own browser SDK. */
const CASES: [string, Case][] = [
  [
    'an Alibaba VOD video with ali-oss, its credential expiring after the first part, refreshed and resumed',
    { kind: 'aliyun-vod-video', name: 'clip.mp4', mimeType: 'video/mp4', size: 2.5 * MiB, store: 'oss', expire: true },
  ],
  [
    'an Alibaba VOD audio file with ali-oss, its credential expiring after the first part, refreshed and resumed',
    { kind: 'aliyun-vod-audio', name: 'clip.mp3', mimeType: 'audio/mpeg', size: 1.5 * MiB, store: 'oss', expire: true },
  ],
  [
    'an Alibaba VOD image with ali-oss',
    { kind: 'aliyun-vod-image', name: 'cover.png', mimeType: 'image/png', size: 180 * KiB, store: 'oss' },
  ],
  [
    'an Alibaba VOD subtitle (attached media) with ali-oss',
    { kind: 'aliyun-vod-attached-media', name: 'captions.vtt', mimeType: 'text/vtt', size: 2 * KiB, store: 'oss' },
  ],
  [
    'an Alibaba IMS medium with ali-oss',
    { kind: 'aliyun-ims-media', name: 'intro.mp4', mimeType: 'video/mp4', size: 1.2 * MiB, store: 'oss' },
  ],
  [
    'a Tencent VOD file: ApplyUpload through the service, cos-js-sdk-v5, commit',
    { kind: 'tencent-vod-media', name: 'clip.mp4', mimeType: 'video/mp4', size: 1.5 * MiB, store: 'cos' },
  ],
  [
    'a Tencent VOD file with vod-js-sdk-v6 and client signatures from the service',
    { kind: 'tencent-vod-signature', name: 'ugc.mp4', mimeType: 'video/mp4', size: 1.2 * MiB, store: 'cos' },
  ],
];

/** The acceptance of the sandbox: a browser, the demo page and a file show the whole lifecycle. */
describe('The demo page (sandbox, Chromium, the providers’ browser SDKs)', () => {
  let sandbox: SandboxApp;
  let chromium: LaunchedBrowser;

  beforeAll(async () => {
    await allStarted(
      startSandboxApp({ ALIBABA_CLOUD_VOD_IMAGE_MAX_FILE_SIZE: String(IMAGE_LIMIT) }).then((app) => (sandbox = app)),
      launchBrowser().then((browser) => (chromium = browser)),
    );
  }, 30_000);
  afterAll(async () => {
    await chromium?.close();
    await sandbox?.close();
  });

  /** A page signed in as `user`, collecting what went wrong in it (failed requests, errors, CSP refusals). */
  async function openDemo(user: string): Promise<{ page: Page; problems: string[] }> {
    const page = await chromium.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
    await page.goto(`${sandbox.url}/demo`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByLabel('User name').fill(user);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${user}.`).waitFor();
    return { page, problems };
  }

  it.each(CASES)(
    'uploads %s: the bytes arrive intact and the upload becomes uploaded, with its webhook',
    async (_what, spec) => {
      const bytes = randomBytes(spec.size);
      const user = `user-${spec.kind}`;
      const { page, problems } = await openDemo(user);
      await page.getByLabel('Upload kind').selectOption(spec.kind);
      await page.getByLabel('File', { exact: true }).setInputFiles({ name: spec.name, mimeType: spec.mimeType, buffer: bytes });
      if (spec.expire) await page.getByLabel(/Expire the upload credential/).check();
      await page.getByRole('button', { name: 'Upload', exact: true }).click();

      await page
        .locator('#upload-status:text-matches("^(uploaded|failed|revoked)$"), #upload-error:not(:empty)')
        .first()
        .waitFor({ timeout: 30_000 });
      expect({
        error: await page.locator('#upload-error').innerText(),
        problems,
        log: await page.locator('#log').innerText(),
      }).toMatchObject({ error: '' });
      expect(await page.locator('#upload-status').innerText()).toBe('uploaded');
      expect(await page.locator('#progress').getAttribute('value')).toBe('100');
      const uploadId = await page.locator('#upload-id').innerText();
      expect(uploadId).toMatch(/^upl_/);

      const stored = [...sandbox.emulator.storage[spec.store].entries()].filter(([, object]) => object.data.equals(bytes));
      expect(stored).toHaveLength(1);
      const record = JSON.parse(await page.locator('#upload-record').innerText());
      expect(record).toMatchObject({ uploadId, kind: spec.kind, status: 'uploaded' });

      await page.locator('#webhooks li', { hasText: `upload.completed · ${uploadId}` }).waitFor({ timeout: 10_000 });
      expect(await page.locator('#webhooks li', { hasText: uploadId }).allInnerTexts()).toEqual(
        expect.arrayContaining([expect.stringContaining('signature verified')]),
      );
      if (spec.expire)
        expect(await page.locator('#log').innerText()).toMatch(
          /credential expired \((SecurityTokenExpired|InvalidAccessKeyId)\); refreshed/,
        );
      expect(problems.filter((problem) => !(spec.expire && /403 \(Forbidden\)/.test(problem)))).toEqual([]);
      await page.close();
    },
    60_000,
  );

  it('offers the kinds the providers’ scripts registered, each one above, and the expiry only where there is a refresh', async () => {
    const { page, problems } = await openDemo('picker');
    const offered = await page.locator('#kind option').evaluateAll((options: HTMLOptionElement[]) => options.map((option) => option.value));
    expect([...offered].sort()).toEqual(CASES.map(([, spec]) => spec.kind).sort());
    await page.getByLabel('Upload kind').selectOption(CASES.find(([, spec]) => !spec.expire)![1].kind);
    expect(await page.getByLabel(/Expire the upload credential/).isDisabled()).toBe(true);
    await page.getByLabel('Upload kind').selectOption(CASES.find(([, spec]) => spec.expire)![1].kind);
    expect(await page.getByLabel(/Expire the upload credential/).isEnabled()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  it('shows an upload over the sandbox limit rejected, with its reason; the provider no longer has it', async () => {
    const { page, problems } = await openDemo('oversize');
    await page.getByLabel('Upload kind').selectOption('aliyun-vod-image');
    const size = IMAGE_LIMIT + 10 * KiB;
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: randomBytes(size) });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();

    await page.locator('#upload-status:text-matches("^(uploaded|failed|rejected|revoked)$"), #upload-error:not(:empty)').first().waitFor({
      timeout: 30_000,
    });
    expect(await page.locator('#upload-error').innerText()).toBe('');
    expect(await page.locator('#upload-status').innerText()).toBe('rejected');
    expect(await page.locator('#upload-message').innerText()).toBe(
      `The upload is rejected: too_large (allowed ${IMAGE_LIMIT}, arrived ${size}).`,
    );
    const uploadId = await page.locator('#upload-id').innerText();
    const record = JSON.parse(await page.locator('#upload-record').innerText());
    expect(record).toMatchObject({ uploadId, status: 'rejected', rejection: { reason: 'too_large', limit: IMAGE_LIMIT, measured: size } });
    await page.locator('#webhooks li', { hasText: `upload.rejected · ${uploadId}` }).waitFor({ timeout: 10_000 });

    // Deleted at the provider (UPLOAD_VERIFICATION=delete, the default): the service's own lookup finds nothing.
    const stored = (await sandbox.app.get(UploadRecords).find(uploadId))!;
    expect(await sandbox.app.get(MediaVerifiers).for(stored.provider)!.lookup(stored)).toEqual({ state: 'unknown' });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows the problem the service answers, in the page, when the file is not acceptable', async () => {
    const { page } = await openDemo('picky');
    await page.getByLabel('Upload kind').selectOption('aliyun-vod-image');
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'notes.exe', mimeType: 'application/octet-stream', buffer: randomBytes(10) });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.locator('#upload-error', { hasText: 'VALIDATION_FAILED' }).waitFor();
    expect(await page.locator('#upload-error').innerText()).toContain('imageExt');
    await page.close();
  }, 30_000);

  it('is served with a policy that lets the page reach only this service and the emulator', async () => {
    const response = await fetch(`${sandbox.url}/demo`);
    expect(response.headers.get('content-security-policy')).toContain(`connect-src 'self' ${sandbox.emulator.url}`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${sandbox.url}/demo/../package.json`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/demo/sdk/unknown.js`)).status).toBe(404);
  });

  it('signs in only a well-formed user name', async () => {
    const token = (userName: unknown) =>
      fetch(`${sandbox.url}/demo/api/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userName }),
      });
    expect((await token('alice@example.com')).status).toBe(201);
    for (const bad of ['', ' alice', 'a'.repeat(65), 'al/ice', 42]) {
      const response = await token(bad);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'userName' }] });
    }
  });
});

describe('Outside the sandbox', () => {
  it('has no demo page and none of its helpers', async () => {
    const sut = await startTestApp();
    try {
      for (const [method, path] of [
        ['GET', '/demo'],
        ['GET', '/demo/demo.mjs'],
        ['POST', '/demo/api/token'],
        ['POST', '/demo/api/expire-credentials'],
      ]) {
        const response = await fetch(`${sut.url}${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: method === 'POST' ? '{}' : undefined,
        });
        expect([path, response.status]).toEqual([path, 404]);
      }
    } finally {
      await sut.close();
    }
  });
});
