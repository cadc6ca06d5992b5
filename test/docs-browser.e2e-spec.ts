import { allStarted, type LaunchedBrowser, launchBrowser, nonLoopbackIPv4 } from './support/browser';
import { startTestApp, type TestApp } from './support/test-app';

const SIGNATURES = '/v1/uploads/tencent-vod/signatures';

/** Swagger UI as someone on another host meets it: plain http, the service bound to 0.0.0.0, reached by this machine's address. */
describe('Swagger UI in a browser over plain http from another address', () => {
  let sut: TestApp;
  let chromium: LaunchedBrowser;

  beforeAll(async () => {
    await allStarted(
      startTestApp({ host: '0.0.0.0' }).then((app) => (sut = app)),
      launchBrowser().then((browser) => (chromium = browser)),
    );
  });
  afterAll(async () => {
    await chromium?.close();
    await sut?.close();
  });

  it('lists the operations at /docs, with no request upgraded to https or blocked by the CSP', async () => {
    const origin = `http://${nonLoopbackIPv4()}:${new URL(sut.url).port}`;
    const page = await chromium.context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
    page.on('console', (message) => {
      // Kept for https deployments: over http Chrome ignores Cross-Origin-Opener-Policy, and says so.
      if (message.type() === 'error' && !message.text().includes('Cross-Origin-Opener-Policy')) failed.push(message.text());
    });

    const response = await page.goto(`${origin}/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');

    const signatures = page.locator(`.opblock-summary-path[data-path="${SIGNATURES}"]`).locator('..');
    await signatures.waitFor({ timeout: 15_000 });
    expect(await signatures.locator('.opblock-summary-description').innerText()).toMatch(/^A client upload signature for vod-js-sdk-v6/);
    expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
    expect(failed).toEqual([]);
  });
});
