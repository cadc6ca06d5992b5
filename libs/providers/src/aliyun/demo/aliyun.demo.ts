import { dirname, join } from 'node:path';
import type { ProviderDemo } from '@app/uploads';

const JS = 'text/javascript; charset=utf-8';
const inPackage = (name: string, file: string) => () => join(dirname(require.resolve(`${name}/package.json`)), file);

/** Alibaba Cloud on the sandbox's demo page: ali-oss's browser build, unchanged from npm, and the uploaders over it. */
export const ALIYUN_DEMO: ProviderDemo = {
  assets: {
    'sdk/ali-oss.js': { path: inPackage('ali-oss', 'dist/aliyun-oss-sdk.min.js'), contentType: JS },
    // Copied beside the compiled code by the build (nest-cli.json `assets`).
    'aliyun-uploads.mjs': { path: () => join(__dirname, 'aliyun-uploads.mjs'), contentType: JS },
  },
  scripts: ['sdk/ali-oss.js', 'aliyun-uploads.mjs'],
};
