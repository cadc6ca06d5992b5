import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it): Playwright cannot download its own build here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  browser: Browser;
  /** The browser's one context, on the fresh profile: open pages with `context.newPage()`. */
  context: BrowserContext;
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile in a temporary directory. Fails (never skips) when the
 * browser is missing: a browser test that silently passes without a browser proves nothing.
 */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: install it with \`apt-get install -y chromium\``);
  const profile = await mkdtemp(join(tmpdir(), 'upload-bff-chromium-'));
  try {
    // Playwright takes the profile directory here, never as a --user-data-dir argument.
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    return {
      browser: context.browser()!,
      context,
      close: async () => {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/** The first IPv4 address of this machine that is not loopback: how another host would reach a service bound to 0.0.0.0. */
export function nonLoopbackIPv4(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((candidate) => candidate?.family === 'IPv4' && !candidate.internal);
  if (!address) throw new Error('this machine has no non-loopback IPv4 address to browse through');
  return address.address;
}

/**
 * Waits for every start, then fails with the first failure: unlike Promise.all, a failed browser
 * launch (no Chromium) still lets the app finish starting and be kept, so afterAll closes it and
 * Jest can exit (an app left open keeps the whole run waiting).
 */
export async function allStarted(...starts: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(starts)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}
