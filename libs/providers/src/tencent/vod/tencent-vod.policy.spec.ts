import { createHash } from 'node:crypto';
import { ApiError } from '@app/common';
import { tencentConfig } from '../testing/tencent-config';
import { type EnabledTencentConfig, tencentSettings } from '../config/tencent.section';
import { resolveProcessing, sourceContext } from './tencent-vod.policy';

function vodSettings(env: Record<string, string> = {}): EnabledTencentConfig['vod'] {
  const config = tencentConfig({ TENCENTCLOUD_SECRET_ID: 'id', TENCENTCLOUD_SECRET_KEY: 'key', TENCENTCLOUD_VOD_SUB_APP_ID: '1', ...env });
  return tencentSettings(config).vod;
}

function refusal(call: () => unknown): { field: string; message: string }[] {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).getStatus()).toBe(400);
    return (error as ApiError).details.errors ?? [];
  }
  throw new Error('expected a 400');
}

describe(resolveProcessing.name, () => {
  const allowing = vodSettings({
    TENCENTCLOUD_VOD_PROCEDURE: 'default-flow',
    TENCENTCLOUD_VOD_PROCEDURES: 'hd,sd',
    TENCENTCLOUD_VOD_CLASS_ID: '7',
    TENCENTCLOUD_VOD_CLASS_IDS: '0,12',
  });

  it('applies the server defaults when the client chooses nothing', () => {
    expect(resolveProcessing({}, allowing)).toEqual({ procedure: 'default-flow', classId: 7 });
    expect(resolveProcessing({}, vodSettings())).toEqual({ procedure: undefined, classId: undefined });
  });

  it('takes a choice on the allowlist, class 0 included', () => {
    expect(resolveProcessing({ procedure: 'sd', classId: 0 }, allowing)).toEqual({ procedure: 'sd', classId: 0 });
  });

  it('refuses choices off the allowlist, naming each field and the allowed values', () => {
    expect(refusal(() => resolveProcessing({ procedure: 'default-flow', classId: 7 }, allowing))).toEqual([
      { field: 'procedure', message: 'procedure must be one of hd, sd' },
      { field: 'classId', message: 'classId must be one of 0, 12' },
    ]);
  });

  it('refuses any choice when the deployment allows none', () => {
    expect(refusal(() => resolveProcessing({ procedure: 'hd' }, vodSettings()))).toEqual([
      { field: 'procedure', message: 'procedure cannot be chosen on this deployment' },
    ]);
  });
});

describe(sourceContext.name, () => {
  const uploadId = 'upl_AAAAAAAAAAAAAAAAAAAAAA';

  it('carries the upload id and the user id as a query string', () => {
    expect(sourceContext('alice', uploadId)).toBe(`uploadId=${uploadId}&userId=alice`);
    expect(sourceContext('a&b=c')).toBe('userId=a%26b%3Dc');
  });

  it('fits 250 characters exactly, then switches to a SHA-256 of the user id', () => {
    const fits = 'u'.repeat(250 - `uploadId=${uploadId}&userId=`.length);
    expect(sourceContext(fits, uploadId)).toHaveLength(250);
    const long = `${fits}u`;
    const hashed = sourceContext(long, uploadId);
    expect(hashed).toBe(`uploadId=${uploadId}&userSha256=${createHash('sha256').update(long).digest('base64url')}`);
    expect(hashed.length).toBeLessThanOrEqual(250);
  });

  it('hashes a non-ASCII id whose percent-encoding would not fit', () => {
    const id = '用户'.repeat(20); // 40 characters, 240 once encoded
    expect(sourceContext(id, uploadId)).toMatch(/&userSha256=[A-Za-z0-9_-]{43}$/);
    expect(sourceContext('用户', uploadId)).toBe(`uploadId=${uploadId}&userId=%E7%94%A8%E6%88%B7`);
  });
});
