import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { allStarted, type LaunchedBrowser, launchBrowser } from './support/browser';
import { type SandboxApp, startSandboxApp } from './support/sandbox-app';

const MiB = 1024 * 1024;

/** Each provider's browser SDK, for a user of the second region: the page points it at that region's emulator. */
const CASES: [string, { kind: string; name: string; store: 'oss' | 'cos' }][] = [
  ['an Alibaba VOD video with ali-oss', { kind: 'aliyun-vod-video', name: 'clip.mp4', store: 'oss' }],
  ['a Tencent VOD file: ApplyUpload, cos-js-sdk-v5, commit', { kind: 'tencent-vod-media', name: 'clip.mp4', store: 'cos' }],
  ['a Tencent VOD file with vod-js-sdk-v6 and client signatures', { kind: 'tencent-vod-signature', name: 'ugc.mp4', store: 'cos' }],
];

/** `REGIONS=cn,intl npm start`: the demo page's token picker offers the region claim, and an intl user uploads into intl's emulator. */
describe('The demo page with two regions (sandbox, Chromium)', () => {
  let sandbox: SandboxApp;
  let chromium: LaunchedBrowser;

  beforeAll(async () => {
    await allStarted(
      startSandboxApp({ REGIONS: 'cn,intl' }).then((app) => (sandbox = app)),
      launchBrowser().then((browser) => (chromium = browser)),
    );
  }, 30_000);
  afterAll(async () => {
    await chromium?.close();
    await sandbox?.close();
  });

  async function openDemo(user: string, region: string): Promise<{ page: Page; problems: string[] }> {
    const page = await chromium.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
    await page.goto(`${sandbox.url}/demo`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByLabel('User name').fill(user);
    await page.getByLabel('Region claim').selectOption(region);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return { page, problems };
  }

  it.each(CASES)(
    'uploads %s for an intl user into the intl emulator, never the default one',
    async (_what, spec) => {
      const bytes = randomBytes(MiB);
      const { page, problems } = await openDemo(`intl-${spec.kind}`, 'intl');
      await page.getByText(`Signed in as intl-${spec.kind} in region intl.`).waitFor();
      await page.getByLabel('Upload kind').selectOption(spec.kind);
      await page.getByLabel('File', { exact: true }).setInputFiles({ name: spec.name, mimeType: 'video/mp4', buffer: bytes });
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await page
        .locator('#upload-status:text-matches("^(uploaded|failed|revoked)$"), #upload-error:not(:empty)')
        .first()
        .waitFor({ timeout: 30_000 });
      expect({ error: await page.locator('#upload-error').innerText(), problems }).toEqual({ error: '', problems: [] });
      expect(await page.locator('#upload-status').innerText()).toBe('uploaded');
      expect(JSON.parse(await page.locator('#upload-record').innerText())).toMatchObject({ region: 'intl', status: 'uploaded' });
      const inDefault = [...sandbox.emulator.storage[spec.store].entries()].filter(([, object]) => object.data.equals(bytes));
      expect(inDefault).toHaveLength(0);
      await page.close();
    },
    60_000,
  );

  it('offers a region of no profile, whose uploads the service refuses with 403', async () => {
    const { page } = await openDemo('martian', 'mars');
    await page.getByText('Signed in as martian.').waitFor();
    await page.getByLabel('Upload kind').selectOption('aliyun-vod-video');
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: randomBytes(1024) });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.locator('#upload-error', { hasText: 'REGION_NOT_ALLOWED' }).waitFor();
    await page.close();
  }, 30_000);
});
