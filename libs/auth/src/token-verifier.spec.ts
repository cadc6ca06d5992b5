import { ConfigService, loadConfig } from '@app/config';
import { respelled, type Signing, signedToken, tokenPart } from './testing/signed-tokens';
import { TOKEN_REFUSALS, TokenVerifier } from './token-verifier';

const SECRET = 'a-test-secret-of-more-than-thirty-two-bytes';
const OTHER_SECRET = 'another-secret-of-more-than-thirty-two-bytes';
/** The clock, frozen mid-second (epoch seconds). */
const NOW = 1_900_000_000;
const HS256 = { alg: 'HS256', secret: SECRET } as const;

const verifier = (env: Record<string, string> = {}) =>
  new TokenVerifier(new ConfigService(loadConfig({ NODE_ENV: 'test', AUTH_JWT_SECRET: SECRET, ...env })));
const bearer = (payload: unknown, header: unknown = { alg: 'HS256', typ: 'JWT' }, signing: Signing = HS256) =>
  `Bearer ${signedToken(header, payload, signing)}`;
const at = (epochMs: number) => jest.spyOn(Date, 'now').mockReturnValue(epochMs);

describe(TokenVerifier.name, () => {
  beforeEach(() => at(NOW * 1000 + 500));
  afterEach(() => jest.restoreAllMocks());

  it('admits a good HS256 token with its subject and permissions', async () => {
    const sut = verifier();
    const claims = { sub: 'alice', exp: NOW + 60, scope: 'upload:video upload:image' };
    expect(await sut.authenticate(bearer(claims))).toEqual({ principal: { id: 'alice', permissions: ['upload:video', 'upload:image'] } });
  });

  const good = { sub: 'a', exp: NOW + 60 };
  it.each([
    ['no header', undefined, TOKEN_REFUSALS.missing],
    ['another scheme', 'Basic YWxpY2U6c2VjcmV0', TOKEN_REFUSALS.notBearer],
    ['a forged signature', bearer(good, undefined, { alg: 'HS256', secret: OTHER_SECRET }), TOKEN_REFUSALS.signature],
    ['a signature spelled otherwise (same bytes)', respelled(bearer(good)), TOKEN_REFUSALS.signature],
    ['alg none', bearer(good, { alg: 'none' }, 'empty'), TOKEN_REFUSALS.signature],
    ['an RS256 header on a secret', bearer(good, { alg: 'RS256' }), TOKEN_REFUSALS.algorithm],
    ['no expiry', bearer({ sub: 'a' }), TOKEN_REFUSALS.noExpiry],
    ['an exp that is not a number', bearer({ sub: 'a', exp: 'tomorrow' }), TOKEN_REFUSALS.malformed],
    ['an expired token', bearer({ sub: 'a', exp: NOW - 10 }), TOKEN_REFUSALS.expired],
    ['a token not valid yet', bearer({ ...good, nbf: NOW + 10 }), TOKEN_REFUSALS.notYetValid],
    ['no subject', bearer({ exp: NOW + 60 }), TOKEN_REFUSALS.noSubject],
    ['a header with crit', bearer(good, { alg: 'HS256', crit: ['b64'], b64: true }), TOKEN_REFUSALS.critical],
    ['an empty crit', bearer(good, { alg: 'HS256', crit: [] }), TOKEN_REFUSALS.critical],
    ['a BOM before the header', bearer(good, '\ufeff{"alg":"HS256"}'), TOKEN_REFUSALS.malformed],
    ['a BOM before the payload', bearer(`\ufeff${JSON.stringify(good)}`), TOKEN_REFUSALS.malformed],
    ['a payload that is not JSON', 'Bearer eyJ0eXAiOiJKV1QifQ.eA.x', TOKEN_REFUSALS.malformed],
    ['a payload that is a JSON array', `Bearer ${tokenPart({ alg: 'HS256' })}.${tokenPart([good])}.x`, TOKEN_REFUSALS.malformed],
  ])('refuses %s with data, not an exception', async (_case, header, expected) => {
    expect(await verifier().authenticate(header)).toEqual({ refusal: expected });
  });

  it.each([
    ['no aud', { ...good, iss: 'https://id.example.com' }, TOKEN_REFUSALS.audience],
    ['another aud', { ...good, iss: 'https://id.example.com', aud: 'web' }, TOKEN_REFUSALS.audience],
    ['no iss', { ...good, aud: 'app' }, TOKEN_REFUSALS.issuer],
    ['another iss', { ...good, aud: 'app', iss: 'https://evil.example.com' }, TOKEN_REFUSALS.issuer],
  ])('with an audience and an issuer configured, refuses %s', async (_case, claims, expected) => {
    const sut = verifier({ AUTH_JWT_AUDIENCE: 'app', AUTH_JWT_ISSUER: 'https://id.example.com' });
    expect(await sut.authenticate(bearer(claims))).toEqual({ refusal: expected });
    expect((await sut.authenticate(bearer({ ...good, aud: 'app', iss: 'https://id.example.com' }))).principal).toBeDefined();
  });

  it('re-checks exp on a remembered admission: admitted within the tolerance after exp, refused after it', async () => {
    const sut = verifier({ AUTH_JWT_CLOCK_TOLERANCE_SECONDS: '5' });
    const token = bearer({ sub: 'alice', exp: NOW + 1 });
    expect((await sut.authenticate(token)).principal).toEqual({ id: 'alice', permissions: [] });
    at((NOW + 4) * 1000);
    expect((await sut.authenticate(token)).principal).toEqual({ id: 'alice', permissions: [] });
    at((NOW + 7) * 1000);
    expect(await sut.authenticate(token)).toEqual({ refusal: TOKEN_REFUSALS.expired });
  });

  it('does not recall an admission before it was given: a clock set back meets nbf again', async () => {
    const sut = verifier({ AUTH_JWT_CLOCK_TOLERANCE_SECONDS: '0' });
    const token = bearer({ sub: 'alice', exp: NOW + 60, nbf: NOW });
    expect((await sut.authenticate(token)).principal).toBeDefined();
    at((NOW - 10) * 1000);
    expect(await sut.authenticate(token)).toEqual({ refusal: TOKEN_REFUSALS.notYetValid });
  });

  it('does not remember "not valid yet": the token is admitted once its nbf has come', async () => {
    const sut = verifier({ AUTH_JWT_CLOCK_TOLERANCE_SECONDS: '0' });
    const token = bearer({ sub: 'alice', exp: NOW + 60, nbf: NOW + 10 });
    expect(await sut.authenticate(token)).toEqual({ refusal: TOKEN_REFUSALS.notYetValid });
    at((NOW + 10) * 1000);
    expect((await sut.authenticate(token)).principal).toEqual({ id: 'alice', permissions: [] });
  });

  it('leaves the stack trace limit as it found it, after a refusal and after an admission', async () => {
    const limit = Error.stackTraceLimit;
    const sut = verifier();
    await sut.authenticate(bearer(good, undefined, { alg: 'HS256', secret: OTHER_SECRET }));
    await sut.authenticate(bearer(good));
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('still traced').stack).toContain('token-verifier.spec');
  });

  it('refuses every token when no key source is configured', async () => {
    const sut = new TokenVerifier(new ConfigService(loadConfig({ NODE_ENV: 'test' })));
    expect(await sut.authenticate(bearer(good))).toEqual({ refusal: TOKEN_REFUSALS.malformed });
  });
});
