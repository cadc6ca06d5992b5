import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { ConfigService, loadConfig } from '@app/config';
import { TOKEN_REFUSALS, TokenVerifier } from './token-verifier';

const SECRET = 'a-test-secret-of-more-than-thirty-two-bytes';
const OTHER_SECRET = 'another-secret-of-more-than-thirty-two-bytes';

/** The same verifier without its node:crypto path: every HMAC token goes through @nestjs/jwt (jsonwebtoken). */
class LibraryOnlyVerifier extends TokenVerifier {
  constructor(config: ConfigService) {
    super(config);
    this.hmacKey = undefined;
  }
}

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const HASH: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

function token(header: unknown, payload: unknown, signWith: { alg: string; secret: string } | 'empty' | 'garbage'): string {
  const input = `${b64(header)}.${b64(payload)}`;
  if (signWith === 'empty') return `${input}.`;
  if (signWith === 'garbage') return `${input}.c2lnbmF0dXJl`;
  return `${input}.${createHmac(HASH[signWith.alg], signWith.secret).update(input).digest('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);

function verifiers(env: Record<string, string> = {}) {
  const config = new ConfigService(loadConfig({ NODE_ENV: 'test', AUTH_JWT_SECRET: SECRET, ...env }));
  return { fast: new TokenVerifier(config), library: new LibraryOnlyVerifier(config) };
}

describe('TokenVerifier', () => {
  it('admits a good HS256 token with its subject and permissions', async () => {
    const { fast } = verifiers();
    const claims = { sub: 'alice', exp: now() + 60, scope: 'upload:video' };
    const bearer = `Bearer ${token({ alg: 'HS256', typ: 'JWT' }, claims, { alg: 'HS256', secret: SECRET })}`;
    expect(await fast.authenticate(bearer)).toEqual({ principal: { id: 'alice', permissions: ['upload:video'] } });
  });

  it.each([
    ['no header', undefined, TOKEN_REFUSALS.missing],
    ['another scheme', 'Basic YWxpY2U6c2VjcmV0', TOKEN_REFUSALS.notBearer],
    [
      'a forged signature',
      `Bearer ${token({ alg: 'HS256' }, { sub: 'a', exp: 4e9 }, { alg: 'HS256', secret: OTHER_SECRET })}`,
      TOKEN_REFUSALS.signature,
    ],
    ['no expiry', `Bearer ${token({ alg: 'HS256' }, { sub: 'a' }, { alg: 'HS256', secret: SECRET })}`, TOKEN_REFUSALS.noExpiry],
    ['a payload that is not JSON', 'Bearer eyJ0eXAiOiJKV1QifQ.eA.x', TOKEN_REFUSALS.malformed],
  ])('refuses %s with data, not an exception', async (_case, header, expected) => {
    expect(await verifiers().fast.authenticate(header)).toEqual({ refusal: expected });
  });

  it('remembers a token’s signature, not its time: the same token is refused once it has expired', async () => {
    const { fast } = verifiers({ AUTH_JWT_CLOCK_TOLERANCE_SECONDS: '0' });
    const bearer = `Bearer ${token({ alg: 'HS256' }, { sub: 'alice', exp: now() + 1 }, { alg: 'HS256', secret: SECRET })}`;
    expect((await fast.authenticate(bearer)).principal).toEqual({ id: 'alice', permissions: [] });
    const later = jest.spyOn(Date, 'now').mockReturnValue((now() + 2) * 1000);
    try {
      expect(await fast.authenticate(bearer)).toEqual({ refusal: TOKEN_REFUSALS.expired });
    } finally {
      later.mockRestore();
    }
  });

  // The node:crypto path must answer exactly as jsonwebtoken does, for every kind of token a client or an attacker sends.
  const settings = fc.record({
    issuer: fc.constantFrom(undefined, 'https://id.example.com'),
    audience: fc.constantFrom(undefined, 'app', 'app,web'),
    tolerance: fc.constantFrom(0, 5),
  });
  const claim = <T>(values: fc.Arbitrary<T>) => fc.option(values, { nil: undefined });
  const payload = fc.record(
    {
      sub: claim(fc.oneof(fc.constantFrom('alice', '', 'x'.repeat(300), '\u0007bell', '\ud800'), fc.integer())),
      exp: claim(
        fc.oneof(
          fc.integer({ min: -200, max: 200 }).map((offset) => now() + offset),
          fc.constant('tomorrow'),
        ),
      ),
      nbf: claim(
        fc.oneof(
          fc.integer({ min: -200, max: 200 }).map((offset) => now() + offset),
          fc.constant('now'),
        ),
      ),
      aud: claim(fc.oneof(fc.constantFrom('app', 'web', 'other'), fc.constantFrom(['app', 'other'], ['other'], []), fc.integer())),
      iss: claim(fc.constantFrom('https://id.example.com', 'https://evil.example.com')),
      scope: claim(fc.constantFrom('upload:video upload:image', ['upload:video'], 7)),
    },
    { requiredKeys: [] },
  );
  const header = fc.record(
    {
      alg: claim(fc.constantFrom('HS256', 'HS384', 'HS512', 'RS256', 'none', 'hs256')),
      typ: claim(fc.constant('JWT')),
      kid: claim(fc.constant('k1')),
    },
    { requiredKeys: [] },
  );
  const signing = fc.oneof(
    fc.record({ alg: fc.constantFrom('HS256', 'HS384', 'HS512'), secret: fc.constantFrom(SECRET, OTHER_SECRET) }),
    fc.constantFrom('empty' as const, 'garbage' as const),
  );

  it('answers every HMAC token as jsonwebtoken does: the same principal or the same refusal', async () => {
    await fc.assert(
      fc.asyncProperty(settings, header, payload, signing, async (setting, head, body, signWith) => {
        const { fast, library } = verifiers({
          ...(setting.issuer && { AUTH_JWT_ISSUER: setting.issuer }),
          ...(setting.audience && { AUTH_JWT_AUDIENCE: setting.audience }),
          AUTH_JWT_CLOCK_TOLERANCE_SECONDS: String(setting.tolerance),
        });
        const bearer = `Bearer ${token(head, body, signWith)}`;
        const expected = await library.authenticate(bearer);
        expect(await fast.authenticate(bearer)).toEqual(expected);
        // Again: now from the verifier's memory of the token's signature.
        expect(await fast.authenticate(bearer)).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });
});
