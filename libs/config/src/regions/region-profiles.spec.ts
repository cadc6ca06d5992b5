import { configProblems } from '@app/testing';
import { loadConfig } from '../load-config';
import { ACME_CONFIGS } from '../testing/acme-provider';

const load = (env: Record<string, string | undefined>) => loadConfig(env, ACME_CONFIGS);
const problems = (env: Record<string, string | undefined>) => configProblems(env, ACME_CONFIGS);
const acmeOf = (env: Record<string, string | undefined>, profile: string) =>
  load(env).regions.profiles[profile].providers.acme as { region?: string; timeoutMs: number; key?: Record<string, string> };

const KEY = { ACME_KEY_ID: 'id-shared', ACME_KEY_SECRET: 'secret-shared' };

describe('region profiles', () => {
  it('has one implicit profile, the settings as they are, without REGIONS', () => {
    const sut = load({ ACME_REGION: 'near', ...KEY });
    expect(sut.regions).toMatchObject({ declared: false, names: ['default'], default: 'default' });
    expect(sut.regions.profiles.default.providers).toBe(sut.providers);
    expect(sut.offered).toEqual(new Set(['acme-media']));
  });

  it('declares the profiles with REGIONS, the first the default unless DEFAULT_REGION names another', () => {
    expect(load({ REGIONS: 'cn, intl' }).regions).toMatchObject({ declared: true, names: ['cn', 'intl'], default: 'cn' });
    expect(load({ REGIONS: 'cn,intl', DEFAULT_REGION: 'intl' }).regions.default).toBe('intl');
  });

  it.each([
    [{ REGIONS: 'cn,Intl' }, /REGIONS: must be a comma-separated list of profile names/],
    [{ REGIONS: 'cn,eu_1' }, /REGIONS: must be a comma-separated list/],
    [{ REGIONS: 'cn,cn' }, /REGIONS: must name each profile once/],
    [{ REGIONS: 'cn,intl', DEFAULT_REGION: 'mars' }, /DEFAULT_REGION: must be one of the profiles REGIONS declares \(cn, intl\)/],
    [{ DEFAULT_REGION: 'cn' }, /DEFAULT_REGION: needs REGIONS/],
  ])('refuses %j', (env, message) => {
    expect(problems(env)).toMatch(message);
  });

  it('lets a profile override any provider setting with __<PROFILE>, the others inheriting the unsuffixed one', () => {
    const env = { REGIONS: 'cn,eu-central', ACME_REGION: 'near', ACME_REGION__EU_CENTRAL: 'far-away', ACME_TIMEOUT_MS: '900', ...KEY };
    expect(acmeOf(env, 'cn')).toMatchObject({ region: 'near', timeoutMs: 900 });
    expect(acmeOf(env, 'eu-central')).toMatchObject({ region: 'far-away', timeoutMs: 900, key: { id: 'id-shared' } });
  });

  it('turns a setting off in one profile with an empty suffixed value', () => {
    const env = { REGIONS: 'cn,intl', ACME_REGION: 'near', ACME_REGION__INTL: '', ...KEY };
    const sut = load(env);
    expect(sut.regions.profiles.cn.offered).toEqual(new Set(['acme-media']));
    expect(sut.regions.profiles.intl.offered).toEqual(new Set());
  });

  it('keeps upstream budgets per profile, their defaults from the profile’s own settings', () => {
    const sut = load({ REGIONS: 'cn,intl', ACME_REGION__INTL: 'far-away', UPSTREAM_BUDGET_ACME_API_PER_SECOND__CN: '7' });
    expect(sut.regions.profiles.cn.upstreamBudgets['acme-api']).toBe(7);
    expect(sut.regions.profiles.intl.upstreamBudgets['acme-api']).toBe(10);
    expect(sut.protection.upstreamBudgets['acme-api']).toBe(7);
  });

  it('takes a credential unit whole: a profile with its own key borrows no session token', () => {
    const env = {
      REGIONS: 'cn,intl',
      ...KEY,
      ACME_SESSION_TOKEN: 'sts-shared',
      ACME_KEY_ID__INTL: 'id-intl',
      ACME_KEY_SECRET__INTL: 's-intl',
    };
    expect(acmeOf(env, 'cn').key).toEqual({ id: 'id-shared', secret: 'secret-shared', token: 'sts-shared' });
    expect(acmeOf(env, 'intl').key).toEqual({ id: 'id-intl', secret: 's-intl', token: undefined });
  });

  it('refuses half a pair in a profile, naming the missing variable and the profile, never borrowing the other half', () => {
    const message = problems({ REGIONS: 'cn,intl', ...KEY, ACME_KEY_ID__INTL: 'id-intl' });
    expect(message).toMatch(
      /ACME_KEY_SECRET__INTL: must be set with ACME_KEY_ID__INTL: a profile's credential pair is one unit \(region profile intl\)/,
    );
    expect(message).not.toMatch(/ACME_KEY_SECRET:/);
    expect(problems({ REGIONS: 'cn,intl', ACME_KEY_SECRET__CN: 'x' })).toMatch(/ACME_KEY_ID__CN: must be set with ACME_KEY_SECRET__CN/);
  });

  it('names the profile and the variable as the profile sees it, each problem once, all at once', () => {
    const message = problems({
      REGIONS: 'cn,intl,eu',
      ACME_REGION: 'Bad',
      ACME_REGION__EU: 'Worse',
      ACME_TIMEOUT_MS__INTL: '1',
      ...KEY,
    });
    expect(message).toMatch(/ACME_REGION: must be a region \(region profiles cn, intl\)/);
    expect(message).toMatch(/ACME_REGION__EU: must be a region \(region profile eu\)/);
    expect(message).toMatch(/ACME_TIMEOUT_MS__INTL: must be an integer from 100 to 120000 \(region profile intl\)/);
    expect(message).toMatch(/\(3 problems\)/);
  });

  it('refuses a suffix naming an undeclared profile, any suffix without REGIONS, and a suffix on a platform setting', () => {
    expect(problems({ REGIONS: 'cn', ACME_REGION__MARS: 'near' })).toMatch(
      /ACME_REGION__MARS: names a region profile that REGIONS does not declare \(cn\)/,
    );
    expect(problems({ ACME_REGION__INTL: 'near' })).toMatch(/ACME_REGION__INTL: names a region profile, but REGIONS declares none/);
    expect(problems({ REGIONS: 'cn', AUTH_JWT_SECRET__CN: 'x' })).toMatch(/AUTH_JWT_SECRET__CN: cannot be set per region profile/);
  });

  it('finds the callback secrets profiles share, for the warning at start, and none a profile overrides', () => {
    const hook = 'h'.repeat(32);
    expect(load({ ACME_HOOK_TOKEN: hook }).regions.sharedCallbackSecrets).toEqual([]);
    expect(load({ REGIONS: 'cn,intl,eu', ACME_HOOK_TOKEN: hook }).regions.sharedCallbackSecrets).toEqual([
      { variable: 'ACME_HOOK_TOKEN', profiles: ['cn', 'intl', 'eu'] },
    ]);
    const euOwn = { REGIONS: 'cn,intl,eu', ACME_HOOK_TOKEN: hook, ACME_HOOK_TOKEN__EU: 'e'.repeat(32) };
    expect(load(euOwn).regions.sharedCallbackSecrets).toEqual([{ variable: 'ACME_HOOK_TOKEN', profiles: ['cn', 'intl'] }]);
    const apart = { REGIONS: 'cn,intl', ACME_HOOK_TOKEN__CN: hook, ACME_HOOK_TOKEN__INTL: 'i'.repeat(32) };
    expect(load(apart).regions.sharedCallbackSecrets).toEqual([]);
    // Off in one profile (emptied there): nothing shared.
    expect(load({ REGIONS: 'cn,intl', ACME_HOOK_TOKEN: hook, ACME_HOOK_TOKEN__INTL: '' }).regions.sharedCallbackSecrets).toEqual([]);
  });

  it('refuses placeholder secrets of every profile in production', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: 'k3Jq9vYzP0wR7tLm2sXc8bNf4hGd6aEu',
      REGIONS: 'cn,intl',
      ACME_KEY_ID__INTL: 'id',
      ACME_KEY_SECRET__INTL: 'change-me',
    };
    expect(problems(production)).toMatch(/ACME_KEY_SECRET__INTL: holds a placeholder value/);
  });
});
