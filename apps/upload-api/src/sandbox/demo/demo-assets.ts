import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

interface Asset {
  /** Resolves the file: the page's own files beside this module, the SDKs' browser builds in their npm packages. */
  path: () => string;
  contentType: string;
}

const page = (name: string) => () => join(__dirname, 'page', name);
const inPackage = (name: string, file: string) => () => join(dirname(require.resolve(`${name}/package.json`)), file);

const JS = 'text/javascript; charset=utf-8';

/** Everything the demo serves, by the name in its URL: nothing else on disk is reachable. */
const ASSETS: Record<string, Asset> = {
  'index.html': { path: page('index.html'), contentType: 'text/html; charset=utf-8' },
  'demo.js': { path: page('demo.js'), contentType: JS },
  'demo.css': { path: page('demo.css'), contentType: 'text/css; charset=utf-8' },
  // The providers' own browser builds, unchanged from npm.
  'sdk/ali-oss.js': { path: inPackage('ali-oss', 'dist/aliyun-oss-sdk.min.js'), contentType: JS },
  'sdk/cos-js-sdk-v5.js': { path: inPackage('cos-js-sdk-v5', 'dist/cos-js-sdk-v5.min.js'), contentType: JS },
  'sdk/vod-js-sdk-v6.js': { path: inPackage('vod-js-sdk-v6', 'dist/vod-js-sdk-v6.js'), contentType: JS },
};

export interface LoadedAsset {
  body: Buffer;
  contentType: string;
}

/** The demo's files, read once on first use (the SDK builds are megabytes; the sandbox serves them from memory). */
export class DemoAssets {
  private readonly loaded = new Map<string, Promise<LoadedAsset | undefined>>();

  get(name: string): Promise<LoadedAsset | undefined> {
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) return Promise.resolve(undefined);
    let loading = this.loaded.get(name);
    if (!loading) {
      loading = readFile(asset.path()).then(
        (body) => ({ body, contentType: asset.contentType }),
        () => undefined, // a dev dependency left out (npm ci --omit=dev): the file is simply not there
      );
      this.loaded.set(name, loading);
    }
    return loading;
  }
}
