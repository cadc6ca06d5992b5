import { createSecretKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import { ConfigService, loadConfig } from '@app/config';
import type { Claims } from './key-verifier';
import type { Principal } from './principal';
import { principalFromClaims } from './principal-from-claims';
import { respelled, type Signing, signedToken } from './testing/signed-tokens';
import { TokenVerifier } from './token-verifier';

// The verifier answers every token as jsonwebtoken does under the same options, except where it is stricter on purpose (refusedOnPurpose).

const SECRET = 'a-test-secret-of-more-than-thirty-two-bytes';
const OTHER_SECRET = 'another-secret-of-more-than-thirty-two-bytes';
/** The clock, frozen mid-second (epoch seconds). */
const NOW = 1_900_000_000;
const HS256 = { alg: 'HS256', secret: SECRET } as const;
const at = (epochMs: number) => jest.spyOn(Date, 'now').mockReturnValue(epochMs);

/** jsonwebtoken's answer under the same options, with the service's own rules on top (exp required, sub an owner id). */
function jsonwebtokenAnswer(token: string, key: KeyObject, options: jwt.VerifyOptions): Principal | 'refused' {
  let claims: unknown;
  try {
    claims = jwt.verify(token, key, options);
  } catch {
    return 'refused';
  }
  if (typeof claims !== 'object' || claims === null || typeof (claims as Claims).exp !== 'number') return 'refused';
  return principalFromClaims(claims as Claims, 'scope') ?? 'refused';
}

interface Setting {
  issuer?: string;
  audience?: string;
  tolerance: number;
}

/** The verifier under test and jsonwebtoken's options for the same configuration. */
function configured(setting: Setting, keyEnv: Record<string, string>) {
  const config = new ConfigService(
    loadConfig({
      NODE_ENV: 'test',
      ...keyEnv,
      AUTH_JWT_CLOCK_TOLERANCE_SECONDS: String(setting.tolerance),
      ...(setting.issuer && { AUTH_JWT_ISSUER: setting.issuer }),
      ...(setting.audience && { AUTH_JWT_AUDIENCE: setting.audience }),
    }),
  );
  const { auth } = config;
  const options: jwt.VerifyOptions = {
    algorithms: 'algorithms' in auth.source ? auth.source.algorithms : [],
    issuer: auth.issuer,
    audience: auth.audience.length > 0 ? (auth.audience as [string, ...string[]]) : undefined,
    clockTolerance: auth.clockToleranceSeconds,
  };
  return { sut: new TokenVerifier(config), options };
}

const answer = async (sut: TokenVerifier, token: string) => (await sut.authenticate(`Bearer ${token}`)).principal ?? 'refused';

/** Where this service refuses what jsonwebtoken admits, on purpose. */
function refusedOnPurpose(header: Claims, payload: Claims, setting: Setting, respelt: boolean): boolean {
  // No JWS extension is understood (RFC 7515 §4.1.11); jsonwebtoken ignores crit.
  if (header.crit !== undefined) return true;
  // fast-jwt wants every audience a string; jsonwebtoken is content with one match.
  if (setting.audience && Array.isArray(payload.aud) && payload.aud.some((aud) => typeof aud !== 'string')) return true;
  // One spelling per signature; jsonwebtoken decodes RSA and ECDSA signatures leniently.
  return respelt;
}

describe('TokenVerifier against jsonwebtoken', () => {
  beforeEach(() => at(NOW * 1000 + 500));
  afterEach(() => jest.restoreAllMocks());

  /** The first (usable) values 8 times in 9, a defect otherwise: a good share of the tokens is admitted. */
  const mostly = <T>(usable: fc.Arbitrary<T>, ...defects: fc.Arbitrary<T>[]) =>
    fc.oneof({ arbitrary: usable, weight: 8 * defects.length }, ...defects.map((arbitrary) => ({ arbitrary, weight: 1 })));
  const absent = fc.constant(undefined);
  const rare = <T>(values: fc.Arbitrary<T>) => mostly<T | undefined>(absent, values);
  const offset = (min: number, max: number) => fc.integer({ min, max }).map((seconds) => NOW + seconds);
  const settings = fc.record({
    issuer: fc.constantFrom(undefined, 'https://id.example.com'),
    audience: fc.constantFrom(undefined, 'app', 'app,web'),
    tolerance: fc.constantFrom(0, 5),
  });
  const payload = fc.record({
    sub: mostly<unknown>(
      fc.constantFrom('alice', 'bob@example.com'),
      fc.constantFrom('', 'x'.repeat(300), '\u0007bell', '\ud800', 42),
      absent,
    ),
    // Around now and the tolerance, where the clocks and the tolerance decide.
    exp: mostly<unknown>(offset(-10, 200), offset(-200, -11), fc.constant('tomorrow'), absent),
    nbf: mostly<unknown>(absent, offset(-200, 10), offset(11, 200), fc.constant('now')),
    iat: mostly<unknown>(absent, offset(-200, 0), fc.constant('then')),
    aud: mostly<unknown>(fc.constantFrom('app', ['app', 'other']), absent, fc.constantFrom('web', 'other', ['other'], [], ['app', 7], 7)),
    iss: mostly<unknown>(
      fc.constant('https://id.example.com'),
      absent,
      fc.constantFrom('https://evil.example.com', ['https://id.example.com']),
    ),
    scope: fc.constantFrom(undefined, 'upload:video upload:image', ['upload:video'], 7),
  });
  /** A header; its alg is the signature's unless this says otherwise. */
  const header = (otherAlg: fc.Arbitrary<string | undefined>) =>
    fc.record({
      alg: mostly<string | undefined>(fc.constant('as signed'), otherAlg),
      typ: fc.constantFrom(undefined, 'JWT'),
      kid: fc.constantFrom(undefined, 'k1'),
      crit: rare(fc.constantFrom(['x-unknown'], [], ['b64'])),
      b64: rare(fc.constant(true)),
    });
  /** A token as sent: now and then a BOM before a part's JSON, or its signature spelled otherwise. */
  const form = fc.record({ bom: rare(fc.constantFrom('header', 'payload')), respell: rare(fc.constant(true)) });
  function sent(head: Claims, body: Claims, signing: Signing, { bom, respell }: { bom?: string; respell?: boolean }): string {
    const alg = head.alg === 'as signed' ? (typeof signing === 'object' ? signing.alg : 'HS256') : head.alg;
    const text = (value: Claims, part: string) => (bom === part ? `\ufeff${JSON.stringify(value)}` : value);
    const token = signedToken(text({ ...head, alg }, 'header'), text(body, 'payload'), signing);
    return respell && signing !== 'empty' ? respelled(token) : token;
  }
  /** Both answers must occur often, or the comparison proves little (with the weights above, about a third is admitted). */
  const answers = { admitted: 0, refused: 0 };
  const tally = (expected: Principal | 'refused') => (expected === 'refused' ? answers.refused++ : answers.admitted++);
  const expectBothAnswersOften = (runs: number) => {
    expect(answers.admitted).toBeGreaterThan(runs / 6);
    expect(answers.refused).toBeGreaterThan(runs / 6);
  };
  beforeEach(() => Object.assign(answers, { admitted: 0, refused: 0 }));

  it('answers every HMAC token as jsonwebtoken does, twice (the second time from memory)', async () => {
    const key = createSecretKey(Buffer.from(SECRET));
    const signing = mostly<Signing>(
      fc.record({ alg: fc.constantFrom('HS256' as const, 'HS384' as const, 'HS512' as const), secret: fc.constant(SECRET) }),
      fc.record({ alg: fc.constant('HS256' as const), secret: fc.constant(OTHER_SECRET) }),
      fc.constantFrom('empty' as const, 'garbage' as const),
    );
    const otherAlg = fc.constantFrom('HS256', 'HS384', 'HS512', 'RS256', 'none', 'hs256', undefined);
    await fc.assert(
      fc.asyncProperty(settings, header(otherAlg), payload, signing, form, async (setting, head, body, signWith, how) => {
        const { sut, options } = configured(setting, { AUTH_JWT_SECRET: SECRET });
        const token = sent(head, body, signWith, how);
        // jsonwebtoken compares HMAC signatures as text: it refuses one spelled otherwise itself.
        const expected = refusedOnPurpose(head, body, setting, false) ? 'refused' : jsonwebtokenAnswer(token, key, options);
        tally(expected);
        expect(await answer(sut, token)).toEqual(expected);
        expect(await answer(sut, token)).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
    expectBothAnswersOften(2_000);
  });

  it('answers every token for an RSA or EC public key as jsonwebtoken does, but for one spelling per signature', async () => {
    const pairs = {
      rsa: generateKeyPairSync('rsa', { modulusLength: 2048 }),
      otherRsa: generateKeyPairSync('rsa', { modulusLength: 2048 }),
      ec: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }),
      otherEc: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }),
    };
    const pem = (kind: 'rsa' | 'ec') => pairs[kind].publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const own = { rsa: fc.constantFrom('RS256' as const, 'PS256' as const), ec: fc.constant('ES256' as const) };
    const signing = (kind: 'rsa' | 'ec') =>
      mostly<Signing>(
        own[kind].map((alg) => ({ alg, key: pairs[kind].privateKey })),
        fc.constant({ alg: 'RS256', key: pairs.otherRsa.privateKey }),
        fc.constant({ alg: 'ES256', key: pairs.otherEc.privateKey }),
        fc.constant(kind === 'rsa' ? { alg: 'ES256', key: pairs.ec.privateKey } : { alg: 'RS256', key: pairs.rsa.privateKey }),
        // The public key's PEM as an HMAC secret (algorithm confusion).
        fc.constant({ alg: 'HS256', secret: pem(kind) }),
        fc.constantFrom('empty' as const, 'garbage' as const),
      );
    const keyAndSigning = fc.constantFrom('rsa' as const, 'ec' as const).chain((kind) => fc.tuple(fc.constant(kind), signing(kind)));
    const otherAlg = fc.constantFrom('RS256', 'PS256', 'ES256', 'HS256', 'none');
    await fc.assert(
      fc.asyncProperty(keyAndSigning, settings, header(otherAlg), payload, form, async ([kind, signWith], setting, head, body, how) => {
        const { sut, options } = configured(setting, { AUTH_JWT_PUBLIC_KEY: pem(kind) });
        const token = sent(head, body, signWith, how);
        const onPurpose = refusedOnPurpose(head, body, setting, how.respell === true && signWith !== 'empty');
        const expected = onPurpose ? 'refused' : jsonwebtokenAnswer(token, pairs[kind].publicKey, options);
        tally(expected);
        expect(await answer(sut, token)).toEqual(expected);
        expect(await answer(sut, token)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    expectBothAnswersOften(300);
  });

  describe('refuses on purpose what jsonwebtoken admits', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const good = { sub: 'alice', exp: NOW + 60 };
    const secretKey = createSecretKey(Buffer.from(SECRET));
    it.each([
      ['a crit header, even one jsonwebtoken would read past', { alg: 'HS256', crit: ['b64'], b64: true }, good, undefined],
      ['an audience list with a member that is not a string', { alg: 'HS256' }, { ...good, aud: ['app', 7] }, 'app'],
    ])('%s', async (_case, head, body, audience) => {
      const { sut, options } = configured({ tolerance: 5, audience }, { AUTH_JWT_SECRET: SECRET });
      const token = signedToken(head, body, HS256);
      expect(jsonwebtokenAnswer(token, secretKey, options)).toEqual({ id: 'alice', permissions: [] });
      expect(await answer(sut, token)).toBe('refused');
    });

    it('an ECDSA signature spelled otherwise (the same bytes)', async () => {
      const { sut, options } = configured(
        { tolerance: 5 },
        { AUTH_JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
      );
      const token = signedToken({ alg: 'ES256' }, good, { alg: 'ES256', key: privateKey });
      expect(await answer(sut, token)).toEqual({ id: 'alice', permissions: [] });
      expect(jsonwebtokenAnswer(respelled(token), publicKey, options)).toEqual({ id: 'alice', permissions: [] });
      expect(await answer(sut, respelled(token))).toBe('refused');
    });
  });

  it('differs from jsonwebtoken within a second only: fast-jwt reads the clock to the ms, jsonwebtoken to the second', async () => {
    const { sut, options } = configured({ tolerance: 0 }, { AUTH_JWT_SECRET: SECRET });
    const key = createSecretKey(Buffer.from(SECRET));
    // At the very millisecond exp falls, fast-jwt still admits (exp + tolerance is its last valid instant).
    const expiring = signedToken({ alg: 'HS256' }, { sub: 'alice', exp: NOW + 1 }, HS256);
    at((NOW + 1) * 1000);
    expect(jsonwebtokenAnswer(expiring, key, options)).toBe('refused');
    expect(await answer(sut, expiring)).toEqual({ id: 'alice', permissions: [] });
    at((NOW + 1) * 1000 + 1);
    expect(await answer(sut, expiring)).toBe('refused');
    // A fractional nbf that has passed: jsonwebtoken, whose clock is still at the whole second, says "not yet".
    const fractional = signedToken({ alg: 'HS256' }, { sub: 'alice', exp: NOW + 60, nbf: NOW + 0.25 }, HS256);
    at(NOW * 1000 + 500);
    expect(jsonwebtokenAnswer(fractional, key, options)).toBe('refused');
    expect(await answer(sut, fractional)).toEqual({ id: 'alice', permissions: [] });
  });
});
