import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load-config';
import { configProblems, testKey } from '@app/testing';

const SECRET = 'k3Jq9vYzP0wR7tLm2sXc8bNf4hGd6aEu';
const CACHE_KEY = testKey(9);
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: SECRET,
  REDIS_URL: 'redis://cache.internal:6379',
  CACHE_ENCRYPTION_KEY: CACHE_KEY,
};

describe(loadConfig.name, () => {
  it('starts with no environment at all outside production (sandbox)', () => {
    const sut = loadConfig({});
    expect(sut.env).toBe('development');
    expect(sut.http).toMatchObject({ port: 3000, host: '127.0.0.1', bodyLimitBytes: 16384, trustProxy: false, corsOrigins: [] });
    expect(sut.auth.source).toEqual({ kind: 'none' });
    expect(sut.store.kind).toBe('memory');
  });

  it('refuses production without a JWT key source, naming the variable', () => {
    expect(configProblems({ NODE_ENV: 'production', REDIS_URL: 'redis://r:6379', CACHE_ENCRYPTION_KEY: CACHE_KEY })).toMatch(
      /AUTH_JWT_SECRET: is required in production/,
    );
  });

  it('refuses production without Redis', () => {
    expect(configProblems({ NODE_ENV: 'production', AUTH_JWT_SECRET: SECRET })).toMatch(/REDIS_URL: is required in production/);
  });

  it('requires CACHE_ENCRYPTION_KEY with Redis, as 32 base64 bytes', () => {
    expect(configProblems({ REDIS_URL: 'redis://r:6379' })).toMatch(/CACHE_ENCRYPTION_KEY: is required with Redis/);
    expect(configProblems({ REDIS_URL: 'redis://r:6379', CACHE_ENCRYPTION_KEY: 'c2hvcnQ=' })).toMatch(
      /CACHE_ENCRYPTION_KEY: must be 32 random bytes/,
    );
  });

  it('accepts a complete production configuration', () => {
    const sut = loadConfig(PRODUCTION);
    expect(sut.isProduction).toBe(true);
    expect(sut.auth.source).toMatchObject({ kind: 'secret', algorithms: ['HS256', 'HS384', 'HS512'] });
    expect(sut.store).toMatchObject({ kind: 'redis', mode: 'standalone', url: 'redis://cache.internal:6379' });
  });

  it.each([
    ['change-me-to-a-long-random-secret-value'],
    ['your-jwt-secret-goes-here-0123456789abcdef'],
    ['placeholder-placeholder-placeholder-000'],
  ])('refuses the placeholder secret %s in production', (secret) => {
    expect(configProblems({ ...PRODUCTION, AUTH_JWT_SECRET: secret })).toMatch(/AUTH_JWT_SECRET: holds a placeholder value/);
  });

  it('never prints the value of a variable it refuses', () => {
    const badSecret = configProblems({ AUTH_JWT_SECRET: 'short-but-secret' });
    expect(badSecret).toMatch(/AUTH_JWT_SECRET: must be at least 32 bytes/);
    expect(badSecret).not.toContain('short-but-secret');
    const badPort = configProblems({ PORT: 'not-a-port-9z' });
    expect(badPort).toMatch(/PORT: must be an integer from 0 to 65535/);
    expect(badPort).not.toContain('not-a-port-9z');
  });

  it('reports every problem at once', () => {
    const message = configProblems({ NODE_ENV: 'staging', LOG_LEVEL: 'loud', BODY_LIMIT_BYTES: '1' });
    expect(message).toMatch(/NODE_ENV: must be one of development, test, production/);
    expect(message).toMatch(/LOG_LEVEL: must be one of/);
    expect(message).toMatch(/BODY_LIMIT_BYTES: must be an integer from 1024/);
  });

  it('reads a secret from NAME_FILE and drops the trailing newline', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'jwt');
    writeFileSync(file, `${SECRET}\n`);
    const sut = loadConfig({ AUTH_JWT_SECRET_FILE: file });
    expect(sut.auth.source).toMatchObject({ kind: 'secret', secret: SECRET });
  });

  it('refuses both NAME and NAME_FILE, and an unreadable file', () => {
    expect(configProblems({ AUTH_JWT_SECRET: SECRET, AUTH_JWT_SECRET_FILE: '/etc/hostname' })).toMatch(
      /AUTH_JWT_SECRET: set either AUTH_JWT_SECRET or AUTH_JWT_SECRET_FILE/,
    );
    expect(configProblems({ AUTH_JWT_SECRET_FILE: '/nonexistent/secret' })).toMatch(/AUTH_JWT_SECRET_FILE: must name a readable file/);
  });

  it('refuses two key sources at once, and a public key that is not PEM', () => {
    expect(configProblems({ AUTH_JWT_SECRET: SECRET, AUTH_JWKS_URL: 'https://id.example.com/jwks' })).toMatch(/set exactly one of/);
    expect(configProblems({ AUTH_JWT_PUBLIC_KEY: 'not a key' })).toMatch(/AUTH_JWT_PUBLIC_KEY: must be a PEM-encoded/);
    const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(configProblems({ AUTH_JWT_PUBLIC_KEY: pss })).toMatch(/AUTH_JWT_PUBLIC_KEY: must be a PEM-encoded RSA \(not RSA-PSS-only\)/);
    expect(configProblems({ AUTH_JWKS_URL: 'ftp://id.example.com/jwks' })).toMatch(/AUTH_JWKS_URL: must be a URL/);
  });

  it("requires AUTH_JWT_AUDIENCE and AUTH_JWT_ISSUER in production with an identity provider's keys, naming both", () => {
    const jwks = { ...PRODUCTION, AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: 'https://id.example.com/jwks' };
    const problems = configProblems(jwks);
    expect(problems).toMatch(/AUTH_JWT_AUDIENCE: is required in production with AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL/);
    expect(problems).toMatch(/AUTH_JWT_ISSUER: is required in production/);
    expect(configProblems({ ...jwks, AUTH_JWT_ISSUER: 'https://id.example.com/' })).not.toMatch(/AUTH_JWT_ISSUER: is required/);
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(configProblems({ ...PRODUCTION, AUTH_JWT_SECRET: undefined, AUTH_JWT_PUBLIC_KEY: pem })).toMatch(
      /AUTH_JWT_AUDIENCE: is required/,
    );
    const both = { AUTH_JWT_AUDIENCE: 'upload-bff', AUTH_JWT_ISSUER: 'https://id.example.com/' };
    expect(loadConfig({ ...jwks, ...both }).auth.source.kind).toBe('jwks');
    // A shared HMAC secret is ours alone; outside production nothing is required.
    expect(loadConfig(PRODUCTION).auth.audience).toEqual([]);
    expect(loadConfig({ AUTH_JWKS_URL: 'https://id.example.com/jwks' }).auth.source.kind).toBe('jwks');
  });

  it('requires https for JWKS in production', () => {
    expect(configProblems({ ...PRODUCTION, AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: 'http://id.example.com/jwks' })).toMatch(
      /AUTH_JWKS_URL: must use https in production/,
    );
  });

  it('refuses CORS_ORIGINS=* in production and malformed origins anywhere', () => {
    expect(configProblems({ ...PRODUCTION, CORS_ORIGINS: '*' })).toMatch(/CORS_ORIGINS: must list explicit origins/);
    expect(configProblems({ CORS_ORIGINS: 'app.example.com' })).toMatch(/CORS_ORIGINS: each entry must be an origin/);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.com, http://localhost:5173' }).http.corsOrigins).toEqual([
      'https://a.example.com',
      'http://localhost:5173',
    ]);
  });

  it.each([
    ['false', false],
    ['true', true],
    ['2', 2],
    ['10.0.0.0/8,127.0.0.1', '10.0.0.0/8,127.0.0.1'],
    ['loopback, uniquelocal', 'loopback, uniquelocal'],
  ])('reads TRUST_PROXY=%s', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).http.trustProxy).toEqual(expected);
  });

  it.each([['yes'], ['10.0.0.0/33'], ['not an address']])('refuses TRUST_PROXY=%s naming the variable', (raw) => {
    expect(configProblems({ TRUST_PROXY: raw })).toMatch(/TRUST_PROXY: must be true, false, a hop count/);
    expect(configProblems({ TRUST_PROXY: raw })).not.toContain(raw === 'yes' ? 'TRUST_PROXY=yes' : raw);
  });

  it('refuses a HOST that is neither an address nor a host name', () => {
    expect(configProblems({ HOST: 'not a host!!' })).toMatch(/HOST: must be an IP address or a host name/);
    expect(loadConfig({ HOST: '::' }).http.host).toBe('::');
    expect(loadConfig({ HOST: 'api.internal' }).http.host).toBe('api.internal');
  });

  it('builds Sentinel and Cluster settings and refuses mixing them', () => {
    const key = { CACHE_ENCRYPTION_KEY: CACHE_KEY };
    expect(loadConfig({ ...key, REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_SENTINEL_NAME: 'mymaster' }).store).toMatchObject({
      kind: 'redis',
      mode: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
      name: 'mymaster',
    });
    expect(loadConfig({ ...key, REDIS_CLUSTER_NODES: 'n1:7000,n2:7001' }).store).toMatchObject({ mode: 'cluster' });
    expect(configProblems({ REDIS_SENTINELS: 's1:26379' })).toMatch(/REDIS_SENTINEL_NAME: is required/);
    expect(configProblems({ REDIS_CLUSTER_NODES: 'n1' })).toMatch(/REDIS_CLUSTER_NODES: must be a comma-separated list of host:port/);
    expect(configProblems({ REDIS_URL: 'redis://r:6379', REDIS_CLUSTER_NODES: 'n1:7000' })).toMatch(/set only one of/);
  });
});
