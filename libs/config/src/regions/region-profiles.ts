import { z } from 'zod';
import type { BuildContext } from '../build-context';
import type { ConfigIssue } from '../config.error';
import type { ProviderConfigs } from '../provider-section';
import { budgetVariable, upstreamBudgets } from '../sections/protection.section';
import { halfPairs, implicitView, profileView, type ProfileView } from './profile-view';
import { profileSuffix, profileVariable, type RegionNames } from './regions.section';

/** One region profile: every provider's settings as the profile reads them. */
export interface RegionProfile {
  name: string;
  /** Each registered provider's settings, by its section's name. */
  providers: Readonly<Record<string, unknown>>;
  /** The products whose settings are complete in this profile. */
  offered: ReadonlySet<string>;
  /** Calls per second per operation of each upstream API, in this profile. */
  upstreamBudgets: Readonly<Record<string, number>>;
}

export interface RegionsConfig extends RegionNames {
  /** Every profile by name (one, `default`, without REGIONS). */
  profiles: Readonly<Record<string, RegionProfile>>;
  /** Callback secrets (a section's `callbackSecrets`) that two or more declared profiles share, and which profiles. */
  sharedCallbackSecrets: readonly { variable: string; profiles: string[] }[];
}

type ShapeParser = (
  shape: z.ZodRawShape,
  values: Record<string, string | undefined>,
  problem: (variable: string, rule: string) => void,
) => Record<string, unknown>;

/** What building the profiles needs from the loader. */
export interface ProfileInputs {
  names: RegionNames;
  providers: ProviderConfigs;
  resolved: Readonly<Record<string, string | undefined>>;
  isProduction: boolean;
  parse: ShapeParser;
}

/** The variables a profile may set with `__<PROFILE>`: every provider setting and every upstream budget. */
export function perProfileVariables(providers: ProviderConfigs): Set<string> {
  return new Set([
    ...providers.sections.flatMap((section) => Object.keys(section.env as object)),
    ...providers.catalog.upstreamApis.map((api) => budgetVariable(api.id)),
  ]);
}

/**
 * Every profile built from the same sections: each provider's section runs once per profile over the
 * profile's view of the environment. Problems name the variable as the profile sees it and, with
 * REGIONS, the profiles they were found in (a bad unsuffixed value is reported once for all of them).
 */
export function buildRegionProfiles(inputs: ProfileInputs, issues: ConfigIssue[]): { regions: RegionsConfig; longestCallMs: number } {
  const { names, providers, resolved } = inputs;
  const perProfile = perProfileVariables(providers);
  const units = providers.sections.flatMap((section) => section.credentials);
  const found: { variable: string; rule: string; profile: string }[] = [];
  const profiles: Record<string, RegionProfile> = {};
  const views: Record<string, ProfileView> = {};
  let longestCallMs = 0;
  for (const name of names.names) {
    const view = names.declared ? profileView(resolved, name, perProfile, units) : implicitView(resolved);
    views[name] = view;
    const reported = new Set<string>();
    for (const { missing, present } of halfPairs(resolved, name, names.declared ? units : [])) {
      reported.add(missing);
      found.push({ variable: missing, rule: `must be set with ${present}: a profile's credential pair is one unit`, profile: name });
    }
    const problem = (variable: string, rule: string) => {
      const named = view.nameOf(variable);
      if (!reported.has(named)) found.push({ variable: named, rule, profile: name });
    };
    const built = buildProfile(inputs, name, view, perProfile, problem);
    profiles[name] = built.profile;
    longestCallMs = Math.max(longestCallMs, built.longestCallMs);
  }
  issues.push(...merged(found, names.declared));
  const callbackSecrets = providers.sections.flatMap((section) => section.callbackSecrets ?? []);
  return { regions: { ...names, profiles, sharedCallbackSecrets: sharedValues(callbackSecrets, views) }, longestCallMs };
}

/** Each variable whose (non-empty) value is the same in two or more profiles, with those profiles. */
function sharedValues(variables: readonly string[], views: Readonly<Record<string, ProfileView>>): RegionsConfig['sharedCallbackSecrets'] {
  const shared: { variable: string; profiles: string[] }[] = [];
  for (const variable of variables) {
    const byValue = new Map<string, string[]>();
    for (const [profile, view] of Object.entries(views)) {
      const value = view.value(variable);
      if (value) byValue.set(value, [...(byValue.get(value) ?? []), profile]);
    }
    for (const profiles of byValue.values()) if (profiles.length > 1) shared.push({ variable, profiles });
  }
  return shared;
}

function buildProfile(
  inputs: ProfileInputs,
  name: string,
  view: ProfileView,
  perProfile: ReadonlySet<string>,
  problem: (variable: string, rule: string) => void,
): { profile: RegionProfile; longestCallMs: number } {
  const { providers, resolved, isProduction, parse } = inputs;
  const env: Record<string, string | undefined> = { ...resolved };
  for (const variable of perProfile) env[variable] = view.value(variable);
  const read: BuildContext<unknown>['read'] = (variable, schema) => {
    const result = schema.safeParse(env[variable]);
    if (result.success) return result.data;
    problem(variable, result.error.issues[0]?.message ?? 'is invalid');
    return schema.parse(undefined);
  };
  const settings: Record<string, unknown> = {};
  const offered = new Set<string>();
  let longestCallMs = 0;
  for (const section of providers.sections) {
    const built: unknown = section.build({ env: parse(section.env as z.ZodRawShape, env, problem), isProduction, problem, read });
    settings[section.name] = built;
    section.offered(built).forEach((product) => offered.add(product));
    longestCallMs = Math.max(longestCallMs, section.longestCallMs(built));
  }
  const upstreamBudgetsOfProfile = upstreamBudgets({ read, problem }, providers.catalog, env);
  return { profile: { name, providers: settings, offered, upstreamBudgets: upstreamBudgetsOfProfile }, longestCallMs };
}

/** One issue per variable and rule, with the profiles it was found in (none named without REGIONS). */
function merged(found: readonly { variable: string; rule: string; profile: string }[], declared: boolean): ConfigIssue[] {
  const byIssue = new Map<string, { variable: string; rule: string; profiles: string[] }>();
  for (const { variable, rule, profile } of found) {
    const key = `${variable}\n${rule}`;
    const entry = byIssue.get(key) ?? { variable, rule, profiles: [] };
    entry.profiles.push(profile);
    byIssue.set(key, entry);
  }
  return [...byIssue.values()].map(({ variable, rule, profiles }) => ({
    variable,
    rule: declared ? `${rule} (region profile${profiles.length > 1 ? 's' : ''} ${profiles.join(', ')})` : rule,
  }));
}

/**
 * `<NAME>__<SUFFIX>` variables the profiles do not read: a suffix on a setting that is not per profile,
 * or naming a profile REGIONS does not declare (or any profile, without REGIONS).
 */
export function strayProfileVariables(
  rawEnv: Readonly<Record<string, string | undefined>>,
  known: ReadonlySet<string>,
  providers: ProviderConfigs,
  names: RegionNames,
): ConfigIssue[] {
  const perProfile = perProfileVariables(providers);
  const suffixes = new Set(names.declared ? names.names.map(profileSuffix) : []);
  const issues: ConfigIssue[] = [];
  for (const variable of Object.keys(rawEnv)) {
    const at = variable.indexOf('__');
    if (at < 1 || !known.has(variable.slice(0, at))) continue;
    const base = variable.slice(0, at);
    const suffix = variable.slice(at + 2);
    const profile = suffix.endsWith('_FILE') && !suffixes.has(suffix) ? suffix.slice(0, -'_FILE'.length) : suffix;
    if (!perProfile.has(base)) {
      issues.push({ variable, rule: 'cannot be set per region profile: only provider settings and upstream budgets can' });
    } else if (!names.declared) {
      issues.push({ variable, rule: 'names a region profile, but REGIONS declares none' });
    } else if (!suffixes.has(profile)) {
      issues.push({ variable, rule: `names a region profile that REGIONS does not declare (${names.names.join(', ')})` });
    }
  }
  return issues;
}

/** The suffixed names of `variables` for every declared profile (none without REGIONS). */
export function profileVariables(variables: readonly string[], names: RegionNames): string[] {
  return names.declared ? names.names.flatMap((profile) => variables.map((variable) => profileVariable(variable, profile))) : [];
}
