import { randomBytes } from 'node:crypto';
import OpenApi, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import { RuntimeOptions } from '@alicloud/tea-util';
import type { KeyPair } from '@app/emulator';
import { ALIYUN_TEST_IDS } from '../../test/support/aliyun-test-env';

/**
 * CreateUploadVideo through openapi-client's `callApi`, as the generated VOD SDK (and our adapter)
 * does, with the parameters the service sends for the bench's request: a fresh ReferenceId and
 * UserData per call, as the service derives them per request.
 */
export function aliyunCreateUploadVideo(emulatorUrl: string, key: KeyPair): (n: number) => Promise<unknown> {
  const url = new URL(emulatorUrl);
  const client = new OpenApi(
    new Config({
      accessKeyId: key.id,
      accessKeySecret: key.secret,
      endpoint: url.host,
      protocol: 'http',
      regionId: 'cn-shanghai',
      connectTimeout: 3000,
      readTimeout: 10000,
    }),
  );
  const params = new Params({
    action: 'CreateUploadVideo',
    version: '2017-03-21',
    protocol: 'HTTPS',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const ids = ALIYUN_TEST_IDS;
  return (n) => {
    const query = OpenApiUtil.query({
      AppId: 'app-1000000',
      FileName: 'bench.mp4',
      ReferenceId: randomBytes(32).toString('base64url'),
      StorageLocation: ids.storageLocation,
      TemplateGroupId: ids.templateGroupId,
      Title: 'bench',
      UserData: JSON.stringify({
        MessageCallback: { CallbackURL: ids.callbackUrl },
        Extend: { userId: `bench-loop-user-${n % 1000}`, uploadId: `upl_${randomBytes(16).toString('base64url')}` },
      }),
    });
    return client.callApi(params, new OpenApiRequest({ query }), new RuntimeOptions({}));
  };
}
