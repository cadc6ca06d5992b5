import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProviderCatalog } from '@app/registry';
import type { DemoAsset, ProviderDefinition } from '@app/uploads';
import { renderPage } from './demo-page';

const page = (name: string, contentType: string): DemoAsset => ({ path: () => join(__dirname, 'page', name), contentType });

/** The page's own files, beside this module; the providers bring the rest. */
const PAGE: Record<string, DemoAsset> = {
  'index.html': page('index.html', 'text/html; charset=utf-8'),
  'demo.mjs': page('demo.mjs', 'text/javascript; charset=utf-8'),
  'demo.css': page('demo.css', 'text/css; charset=utf-8'),
};

/** What the demo's routes can serve: /demo/<file> and /demo/sdk/<file>. */
const SERVABLE_NAME = /^(sdk\/)?[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface LoadedAsset {
  body: Buffer;
  contentType: string;
}

/**
 * The demo's files, read once on first use (the SDK builds are megabytes; the sandbox serves them from
 * memory): the page's own and every provider's, by the name in their URL. Nothing else on disk is reachable.
 */
export class DemoAssets {
  private readonly assets: ReadonlyMap<string, DemoAsset>;
  private readonly loaded = new Map<string, Promise<LoadedAsset | undefined>>();

  constructor(
    private readonly providers: readonly ProviderDefinition[],
    private readonly catalog: ProviderCatalog,
  ) {
    this.assets = assetsOf(providers);
  }

  get(name: string): Promise<LoadedAsset | undefined> {
    const asset = this.assets.get(name);
    if (!asset) return Promise.resolve(undefined);
    let loading = this.loaded.get(name);
    if (!loading) {
      loading = readAsset(asset).then(
        (body) => body && { body: name === 'index.html' ? this.page(body) : body, contentType: asset.contentType },
      );
      this.loaded.set(name, loading);
    }
    return loading;
  }

  private page(template: Buffer): Buffer {
    return Buffer.from(renderPage(template.toString('utf8'), this.providers, this.catalog));
  }
}

/** A file's bytes, or undefined when it is not there (a dev dependency left out: npm ci --omit=dev). */
function readAsset(asset: DemoAsset): Promise<Buffer | undefined> {
  // path() resolves a package, which throws when it is missing: inside the promise, that is "not there" too.
  return Promise.resolve()
    .then(() => readFile(asset.path()))
    .catch(() => undefined);
}

/** The page's files and the providers', checked once: a name the routes cannot serve or two files under one name is a programming error. */
function assetsOf(providers: readonly ProviderDefinition[]): Map<string, DemoAsset> {
  const assets = new Map(Object.entries(PAGE));
  for (const { id, demo } of providers) {
    if (!demo) continue;
    for (const [name, asset] of Object.entries(demo.assets)) {
      if (!SERVABLE_NAME.test(name)) throw new Error(`the demo cannot serve ${id}'s asset ${name}: a file name, or sdk/ and a file name`);
      if (assets.has(name)) throw new Error(`two demo assets are named ${name} (the second is ${id}'s)`);
      assets.set(name, asset);
    }
    const missing = demo.scripts.filter((script) => !Object.hasOwn(demo.assets, script));
    if (missing.length > 0) throw new Error(`${id}'s demo loads scripts it does not list as assets: ${missing.join(', ')}`);
  }
  return assets;
}
