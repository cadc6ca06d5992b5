import { join } from 'node:path';
import { ProviderCatalog } from '@app/registry';
import type { DemoAsset, ProviderDefinition, ProviderDemo } from '@app/uploads';
import { CATALOG, PROVIDERS } from '../../providers';
import { DemoAssets } from './demo-assets';
import { demoPolicy } from './demo-policy';

const JS = 'text/javascript; charset=utf-8';
const here = (name: string): DemoAsset => ({ path: () => join(__dirname, name), contentType: JS });

/** A provider with only what the demo reads. */
const provider = (id: string, demo?: ProviderDemo) => ({ id, demo }) as ProviderDefinition;

const ONE = provider('one', {
  assets: { 'sdk/one-sdk.js': here('demo-page.ts'), 'one-uploads.mjs': here('demo-policy.ts') },
  scripts: ['sdk/one-sdk.js', 'one-uploads.mjs'],
});
const TWO = provider('two', { assets: { 'two-uploads.mjs': here('demo-assets.ts') }, scripts: ['two-uploads.mjs'] });
const EMPTY = new ProviderCatalog([]);

describe(DemoAssets.name, () => {
  it('serves the page’s files and every provider’s assets, and nothing else', async () => {
    const sut = new DemoAssets([ONE, provider('none'), TWO], EMPTY);
    for (const name of ['index.html', 'demo.mjs', 'demo.css', 'sdk/one-sdk.js', 'one-uploads.mjs', 'two-uploads.mjs']) {
      expect([name, (await sut.get(name))?.body.length]).toEqual([name, expect.any(Number)]);
    }
    for (const name of ['../package.json', 'sdk/unknown.js', 'demo-assets.ts', 'constructor', '__proto__']) {
      expect(await sut.get(name)).toBeUndefined();
    }
  });

  it('writes the service’s kinds and each provider’s scripts, in order, into the page', async () => {
    const page = (await new DemoAssets([ONE, TWO], CATALOG).get('index.html'))!.body.toString();
    const scripts = [...page.matchAll(/<script ([^>]*)><\/script>/g)].map((match) => match[1]);
    expect(scripts).toEqual([
      'type="module" src="/demo/demo.mjs"',
      'src="/demo/sdk/one-sdk.js" defer',
      'type="module" src="/demo/one-uploads.mjs"',
      'type="module" src="/demo/two-uploads.mjs"',
    ]);
    const catalog = JSON.parse(/<script type="application\/json" id="catalog">(.*?)<\/script>/.exec(page)![1]);
    expect(catalog.kinds).toEqual(CATALOG.kinds.map((kind) => ({ id: kind.id, product: kind.product.name })));
    expect(page).not.toContain('<!-- PROVIDERS');
  });

  it('finds every registered provider’s files on disk', async () => {
    const sut = new DemoAssets(PROVIDERS, CATALOG);
    const names = PROVIDERS.flatMap((registered) => Object.keys(registered.demo?.assets ?? {}));
    expect(names.length).toBeGreaterThan(PROVIDERS.length);
    const missing: string[] = [];
    for (const name of names) if (!(await sut.get(name))) missing.push(name);
    expect(missing).toEqual([]);
  });

  it('answers a file whose package is not installed as not there', async () => {
    const absent = { path: () => require.resolve('no-such-package/package.json'), contentType: JS };
    const sut = new DemoAssets([provider('one', { assets: { 'sdk/absent.js': absent }, scripts: [] })], EMPTY);
    expect(await sut.get('sdk/absent.js')).toBeUndefined();
  });

  it('refuses, at once, a name its routes cannot serve, two files under one name and a script it does not list', () => {
    const withDemo = (demo: ProviderDemo) => () => new DemoAssets([provider('odd', demo)], EMPTY);
    expect(withDemo({ assets: { 'js/x.js': here('demo-page.ts') }, scripts: [] })).toThrow("cannot serve odd's asset js/x.js");
    expect(withDemo({ assets: { 'demo.mjs': here('demo-page.ts') }, scripts: [] })).toThrow('two demo assets are named demo.mjs');
    expect(withDemo({ assets: {}, scripts: ['x.mjs'] })).toThrow('does not list as assets: x.mjs');
  });
});

describe(demoPolicy.name, () => {
  it('lets the page connect to this service and to every origin of the sandbox’s endpoints, once each', () => {
    const endpoints = {
      a: { endpoint: 'http://127.0.0.1:4100' },
      b: { domain: 'http://127.0.0.1:4100/x' },
      c: { origin: 'https://e.test' },
    };
    expect(demoPolicy(endpoints)).toContain("connect-src 'self' http://127.0.0.1:4100 https://e.test;");
    expect(demoPolicy({ a: { note: 'not a URL', file: 'file:///etc/passwd' } })).toContain("connect-src 'self';");
    expect(demoPolicy(undefined)).toContain("script-src 'self';");
  });
});
