import { TemporaryKeys } from './temporary-keys';

const SCOPE = { bucket: 'b', objects: ['k'] };
const UPLOAD = { provider: 'aliyun-vod', mediaKind: 'video', mediaId: 'v1', fileUrl: 'https://b/k' } as const;

describe(TemporaryKeys.name, () => {
  let now: number;
  let sut: TemporaryKeys;

  beforeEach(() => {
    now = 1_800_000_000_000;
    sut = new TemporaryKeys(() => now);
  });

  it('issues OSS and COS keys in their providers’ shapes, findable by id until they expire', () => {
    const oss = sut.issueOss(SCOPE, 60, UPLOAD);
    const cos = sut.issueCos(SCOPE, 60);
    expect(oss).toMatchObject({
      id: expect.stringMatching(/^STS\.NU/),
      token: expect.stringMatching(/^CAIS/),
      upload: UPLOAD,
      expiresAtMs: now + 60_000,
    });
    expect(cos).toMatchObject({ id: expect.stringMatching(/^AKID[0-9a-f]{32}$/), secret: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(sut.find(oss.id)).toBe(oss);
    expect(sut.isExpired(oss)).toBe(false);
    now += 60_000;
    expect(sut.isExpired(oss)).toBe(true);
  });

  it('uses the lifetime override when set, the provider default otherwise', () => {
    expect(sut.lifetimeSeconds(3000)).toBe(3000);
    sut.setLifetime(5);
    expect(sut.lifetimeSeconds(3000)).toBe(5);
    sut.setLifetime(undefined);
    expect(sut.lifetimeSeconds(3600)).toBe(3600);
    expect(() => sut.setLifetime(0)).toThrow(RangeError);
    expect(() => sut.setLifetime(1.5)).toThrow(RangeError);
    expect(new TemporaryKeys(() => now, 7).lifetimeSeconds(3000)).toBe(7);
  });

  it('expires every issued key at once, saying how many were live', () => {
    const first = sut.issueCos(SCOPE, 60);
    const second = sut.issueCos(SCOPE, 60);
    expect(sut.expireAll()).toBe(2);
    expect(sut.isExpired(first) && sut.isExpired(second)).toBe(true);
    expect(sut.expireAll()).toBe(0);
  });

  it('forgets keys an hour after they expired', () => {
    const old = sut.issueCos(SCOPE, 60);
    now += 60_000 + 3_600_000;
    sut.issueCos(SCOPE, 60);
    expect(sut.find(old.id)).toBeUndefined();
  });
});
