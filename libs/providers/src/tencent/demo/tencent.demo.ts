import { dirname, join } from 'node:path';
import type { ProviderDemo } from '@app/uploads';

const JS = 'text/javascript; charset=utf-8';
const inPackage = (name: string, file: string) => () => join(dirname(require.resolve(`${name}/package.json`)), file);

/** Tencent Cloud on the sandbox's demo page: its two browser SDKs' builds, unchanged from npm, and the uploaders over them. */
export const TENCENT_DEMO: ProviderDemo = {
  assets: {
    'sdk/cos-js-sdk-v5.js': { path: inPackage('cos-js-sdk-v5', 'dist/cos-js-sdk-v5.min.js'), contentType: JS },
    'sdk/vod-js-sdk-v6.js': { path: inPackage('vod-js-sdk-v6', 'dist/vod-js-sdk-v6.js'), contentType: JS },
    // Copied beside the compiled code by the build (nest-cli.json `assets`).
    'tencent-uploads.mjs': { path: () => join(__dirname, 'tencent-uploads.mjs'), contentType: JS },
  },
  scripts: ['sdk/cos-js-sdk-v5.js', 'sdk/vod-js-sdk-v6.js', 'tencent-uploads.mjs'],
};
