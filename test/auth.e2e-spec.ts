import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { aliyun } from '@app/providers';
import { JwksServer } from './support/jwks-server';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';
import { claims, now, signJwt } from './support/tokens';
import { until } from './support/until';

const me = (app: TestApp, token?: string) =>
  fetch(`${app.url}/v1/me`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

async function expect401(response: Response, detail?: RegExp) {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe('Bearer');
  const body = await response.json();
  expect(body).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
  if (detail) expect(body.detail).toMatch(detail);
}

describe('Authentication with a shared secret (HS256)', () => {
  let sut: TestApp;
  const hs = { alg: 'HS256' as const, secret: TEST_JWT_SECRET };

  beforeAll(async () => {
    sut = await startTestApp({ env: { AUTH_JWT_ISSUER: 'https://id.example.com', AUTH_JWT_AUDIENCE: 'upload-bff' } });
  });
  afterAll(() => sut.close());

  const good = (extra: Record<string, unknown> = {}) => claims('alice', { iss: 'https://id.example.com', aud: 'upload-bff', ...extra });

  it('returns the principal for a good token', async () => {
    const response = await me(sut, signJwt(good({ scope: 'upload:video upload:image' }), hs));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 'alice', permissions: ['upload:video', 'upload:image'] });
  });

  it('reads permissions from an array claim', async () => {
    const response = await me(sut, signJwt(good({ scope: ['upload:media'] }), hs));
    expect(await response.json()).toEqual({ id: 'alice', permissions: ['upload:media'] });
  });

  it('refuses a request without a token', async () => {
    await expect401(await me(sut));
  });

  it.each([['Basic dXNlcjpwYXNz'], ['Bearer'], ['Bearer not-a-jwt'], ['bearer a.b.c extra']])(
    'refuses the malformed header %j',
    async (header) => {
      await expect401(await fetch(`${sut.url}/v1/me`, { headers: { authorization: header } }));
    },
  );

  it('refuses alg none', async () => {
    await expect401(await me(sut, signJwt(good(), { alg: 'none' })));
  });

  it('refuses a token signed with another secret', async () => {
    await expect401(await me(sut, signJwt(good(), { alg: 'HS256', secret: 'another-secret-0123456789abcdef0123456789' })), /signature/);
  });

  it('refuses an expired token', async () => {
    await expect401(await me(sut, signJwt(good({ exp: now() - 60 }), hs)), /expired/);
  });

  it('refuses a token without exp', async () => {
    const { exp: _exp, ...rest } = good();
    await expect401(await me(sut, signJwt(rest, hs)), /exp/);
  });

  it('refuses a token that is not valid yet', async () => {
    await expect401(await me(sut, signJwt(good({ nbf: now() + 600 }), hs)), /nbf/);
  });

  it('accepts a token whose nbf is within the clock tolerance', async () => {
    expect((await me(sut, signJwt(good({ nbf: now() + 2 }), hs))).status).toBe(200);
  });

  it('refuses the wrong audience', async () => {
    await expect401(await me(sut, signJwt(good({ aud: 'another-api' }), hs)), /aud/);
  });

  it('refuses the wrong issuer', async () => {
    await expect401(await me(sut, signJwt(good({ iss: 'https://evil.example.com' }), hs)), /iss/);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not a string', 42],
    ['with control characters', 'ali\nce'],
    ['with a lone surrogate', 'alice\ud800'],
  ])('refuses a token whose sub is %s', async (_case, sub) => {
    await expect401(await me(sut, signJwt({ ...good(), sub }, hs)), /sub/);
  });

  it('refuses an RS256 token when the key source is a secret', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await expect401(await me(sut, signJwt(good(), { alg: 'RS256', key: privateKey })));
  });
});

describe('Authentication with a PEM public key', () => {
  let rsa: TestApp;
  let ec: TestApp;
  let rsaKeys: { publicKey: KeyObject; privateKey: KeyObject };
  let ecKeys: { publicKey: KeyObject; privateKey: KeyObject };
  let rsaPem: string;

  beforeAll(async () => {
    rsaKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    ecKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    rsaPem = rsaKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    rsa = await startTestApp({ env: { AUTH_JWT_SECRET: undefined, AUTH_JWT_PUBLIC_KEY: rsaPem } });
    ec = await startTestApp({
      env: { AUTH_JWT_SECRET: undefined, AUTH_JWT_PUBLIC_KEY: ecKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    });
  });
  afterAll(async () => {
    await rsa.close();
    await ec.close();
  });

  it('accepts RS256 and PS256 tokens signed with the matching private key', async () => {
    expect((await me(rsa, signJwt(claims('bob'), { alg: 'RS256', key: rsaKeys.privateKey }))).status).toBe(200);
    expect((await me(rsa, signJwt(claims('bob'), { alg: 'PS256', key: rsaKeys.privateKey }))).status).toBe(200);
  });

  it('accepts ES256 tokens on an EC key', async () => {
    expect((await me(ec, signJwt(claims('carol'), { alg: 'ES256', key: ecKeys.privateKey }))).status).toBe(200);
  });

  it('refuses HS256 signed with the RSA public key as the HMAC secret (algorithm confusion)', async () => {
    await expect401(await me(rsa, signJwt(claims('mallory'), { alg: 'HS256', secret: rsaPem })));
  });

  it('refuses a token signed by another RSA key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await expect401(await me(rsa, signJwt(claims('mallory'), { alg: 'RS256', key: other.privateKey })));
  });

  it('refuses alg none', async () => {
    await expect401(await me(rsa, signJwt(claims('mallory'), { alg: 'none' })));
  });
});

describe('Authentication with a JWKS URL', () => {
  const jwks = new JwksServer();
  let sut: TestApp;
  const first = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const second = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = (key: KeyObject, kid: string) => ({ ...key.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' });

  beforeAll(async () => {
    jwks.keys = [jwk(first.publicKey, 'k1')];
    const url = await jwks.start();
    sut = await startTestApp({
      env: { AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: url, AUTH_JWKS_REFETCH_INTERVAL_MS: '60000', AUTH_JWKS_TIMEOUT_MS: '300' },
    });
  });
  afterAll(async () => {
    await sut.close();
    await jwks.stop();
  });

  it('verifies with a key from the set, fetched once and then cached', async () => {
    const token = signJwt(claims('dave'), { alg: 'RS256', key: first.privateKey }, { kid: 'k1' });
    expect((await me(sut, token)).status).toBe(200);
    expect((await me(sut, token)).status).toBe(200);
    expect(jwks.fetches).toBe(1);
  });

  it('refetches for unknown kids at most once per interval', async () => {
    const before = jwks.fetches;
    jwks.keys = [jwk(first.publicKey, 'k1'), jwk(second.publicKey, 'k2')];
    const unknown = signJwt(claims('eve'), { alg: 'RS256', key: second.privateKey }, { kid: 'k2' });
    // The interval since the first fetch has not passed: no refetch, so k2 is still unknown.
    await expect401(await me(sut, unknown), /signing key/);
    await expect401(await me(sut, signJwt(claims('eve'), { alg: 'RS256', key: second.privateKey }, { kid: 'k9' })), /signing key/);
    expect(jwks.fetches).toBe(before);
  });

  it('refuses HS256 tokens whatever the secret', async () => {
    await expect401(await me(sut, signJwt(claims('mallory'), { alg: 'HS256', secret: 'k1' }, { kid: 'k1' })));
  });
});

describe('JWKS refetch after the interval, and a hanging JWKS endpoint', () => {
  const jwks = new JwksServer();
  const jwks2 = new JwksServer();
  let sut: TestApp;
  const rotated = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

  beforeAll(async () => {
    const url = await jwks.start();
    sut = await startTestApp({
      env: { AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: url, AUTH_JWKS_REFETCH_INTERVAL_MS: '1000', AUTH_JWKS_TIMEOUT_MS: '300' },
    });
  });
  afterAll(async () => {
    await sut.close();
    await jwks.stop();
  });

  it('answers 503 quickly while the key set cannot be fetched (until the next fetch), then picks up a rotated key', async () => {
    jwks.hang = true;
    const token = signJwt(claims('frank'), { alg: 'ES256', key: rotated.privateKey }, { kid: 'r1' });
    const started = Date.now();
    const response = await me(sut, token);
    expect(response.status).toBe(503);
    expect((await response.json()).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(3000);
    // Within the refetch interval nothing is fetched again, and the answer stays "try later", not "your token is bad".
    const again = await me(sut, token);
    expect(again.status).toBe(503);
    expect((await again.json()).code).toBe('UPSTREAM_UNAVAILABLE');

    jwks.hang = false;
    jwks.keys = [{ ...rotated.publicKey.export({ format: 'jwk' }), kid: 'r1', alg: 'ES256', use: 'sig' }];
    // The next request after the refetch interval fetches the set again.
    await until(async () => (await me(sut, token)).status === 200, 5_000, 'the rotated key to be admitted after the refetch interval');
  });
  it('refuses a withdrawn key at once: the request whose refetch no longer finds it gets 401, not a last admission', async () => {
    const withdrawn = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const sut2 = await startTestApp({
      env: {
        AUTH_JWT_SECRET: undefined,
        AUTH_JWKS_URL: await jwks2.start(),
        AUTH_JWKS_REFETCH_INTERVAL_MS: '1000',
        AUTH_JWKS_CACHE_MAX_AGE_MS: '1000',
      },
    });
    try {
      jwks2.keys = [{ ...withdrawn.publicKey.export({ format: 'jwk' }), kid: 'w1', alg: 'ES256', use: 'sig' }];
      const token = signJwt(claims('ivan'), { alg: 'ES256', key: withdrawn.privateKey }, { kid: 'w1' });
      expect((await me(sut2, token)).status).toBe(200);
      jwks2.keys = [{ ...rotated.publicKey.export({ format: 'jwk' }), kid: 'r1', alg: 'ES256', use: 'sig' }];
      // Once the cached set is older than its max age and the refetch interval has passed, a request refetches:
      // that very request is refused, as is every later one.
      let refused = 0;
      await until(
        async () => {
          const before = jwks2.fetches;
          const status = (await me(sut2, token)).status;
          if (jwks2.fetches === before) expect(status).toBe(200);
          else refused = status;
          return refused !== 0;
        },
        5_000,
        'a refetch of the key set',
      );
      expect(refused).toBe(401);
      expect((await me(sut2, token)).status).toBe(401);
      // A set with no key at all is an answer too (jwks-rsa calls it an error): still refused, not "try later".
      jwks2.keys = [];
      const fetched = jwks2.fetches;
      await until(
        async () => {
          const status = (await me(sut2, token)).status;
          expect(status).toBe(401);
          return jwks2.fetches > fetched;
        },
        5_000,
        'a refetch of the empty key set',
      );
      const empty = await me(sut2, token);
      expect(empty.status).toBe(401);
    } finally {
      await sut2.close();
      await jwks2.stop();
    }
  });
});

describe('Per-kind permissions', () => {
  it('are off by default and enforced when enabled, from the configured claim', async () => {
    expect(aliyun.VOD_VIDEO.spec.permission).toBe('upload:video');
    const sut = await startTestApp({ env: { AUTH_PERMISSIONS_ENABLED: 'true', AUTH_PERMISSIONS_CLAIM: 'perms' } });
    try {
      const response = await fetch(`${sut.url}/v1/me`, { headers: sut.bearer('grace', { perms: ['upload:image'] }) });
      expect(await response.json()).toEqual({ id: 'grace', permissions: ['upload:image'] });
    } finally {
      await sut.close();
    }
  });

  it('guard the upload records too: uploads:read to list and read, uploads:manage to revoke', async () => {
    const sut = await startTestApp({ env: { AUTH_PERMISSIONS_ENABLED: 'true' } });
    const as = (scope: string) => sut.bearer('heidi', { scope });
    const unknown = `${sut.url}/v1/uploads/upl_AAAAAAAAAAAAAAAAAAAAAA`;
    try {
      const noRead = await fetch(`${sut.url}/v1/uploads`, { headers: as('upload:video') });
      expect(noRead.status).toBe(403);
      expect(await noRead.json()).toMatchObject({ code: 'FORBIDDEN', detail: 'The token lacks the permission uploads:read.' });
      expect((await fetch(`${sut.url}/v1/uploads`, { headers: as('uploads:read') })).status).toBe(200);
      expect((await fetch(unknown, { headers: as('uploads:read') })).status).toBe(404);
      const noManage = await fetch(unknown, { method: 'DELETE', headers: as('uploads:read') });
      expect(noManage.status).toBe(403);
      expect(await noManage.json()).toMatchObject({ detail: 'The token lacks the permission uploads:manage.' });
      expect((await fetch(unknown, { method: 'DELETE', headers: as('uploads:manage') })).status).toBe(404);
    } finally {
      await sut.close();
    }
  });
});

describe('Malformed and forged tokens, whatever the key source', () => {
  const jwks = new JwksServer();
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const apps: Record<string, TestApp> = {};
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  const validSigners = {
    secret: (header: Record<string, unknown>) => signJwt(claims('mallory'), { alg: 'HS256', secret: TEST_JWT_SECRET }, header),
    publicKey: (header: Record<string, unknown>) => signJwt(claims('mallory'), { alg: 'RS256', key: rsa.privateKey }, header),
    jwks: (header: Record<string, unknown>) => signJwt(claims('mallory'), { alg: 'RS256', key: rsa.privateKey }, { kid: 'k1', ...header }),
  };

  beforeAll(async () => {
    jwks.keys = [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }];
    const url = await jwks.start();
    apps.secret = await startTestApp();
    apps.publicKey = await startTestApp({
      env: { AUTH_JWT_SECRET: undefined, AUTH_JWT_PUBLIC_KEY: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    });
    apps.jwks = await startTestApp({ env: { AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: url, AUTH_JWKS_TIMEOUT_MS: '1000' } });
  });
  afterAll(async () => {
    await Promise.all(Object.values(apps).map((app) => app.close()));
    await jwks.stop();
  });

  const forged: [string, string][] = [
    ['a payload that is not JSON', 'eyJ0eXAiOiJKV1QifQ.eA.x'],
    ['a header that is not JSON', `${b64('{"alg":')}.${b64('{"sub":"a"}')}.x`],
    ['a header that is a JSON string', `${b64('"HS256"')}.${b64('{"sub":"a"}')}.x`],
    ['a header that is a JSON array', `${b64('[1]')}.${b64('{"sub":"a"}')}.x`],
    ['a header that is null', `${b64('null')}.${b64('{"sub":"a"}')}.x`],
    ['a payload that is a JSON number', `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64('42')}.x`],
    ['a payload that is a JSON array', `${b64('{"alg":"RS256","kid":"k1"}')}.${b64('[]')}.x`],
    ['a header with a kid that is not a string', `${b64('{"alg":"RS256","kid":{"a":1}}')}.${b64('{"sub":"a"}')}.x`],
    ['an empty header and payload', '..x'],
    ['bytes that are not UTF-8', `${Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url')}.${b64('{}')}.x`],
  ];

  describe.each(['secret', 'publicKey', 'jwks'] as const)('with a %s', (source) => {
    it.each(forged)('answers 401 to a token with %s', async (_case, token) => {
      await expect401(await me(apps[source], token));
    });

    it('refuses a validly signed token with a crit header it cannot understand (RFC 7515 §4.1.11)', async () => {
      await expect401(await me(apps[source], validSigners[source]({ crit: ['x-unknown'], 'x-unknown': true })), /crit/);
      await expect401(await me(apps[source], validSigners[source]({ crit: [] })), /crit/);
      expect((await me(apps[source], validSigners[source]({}))).status).toBe(200);
    });

    it('refuses a validly signed token whose signature is spelled otherwise (the same bytes, another last character)', async () => {
      const token = validSigners[source]({});
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const respelled = `${token.slice(0, -1)}${alphabet[alphabet.indexOf(token.at(-1)!) ^ 1]}`;
      await expect401(await me(apps[source], respelled), /signature/);
      expect((await me(apps[source], token)).status).toBe(200);
    });
  });
});
