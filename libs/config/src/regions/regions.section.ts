import { optionalStr } from '../env';
import type { BuildContext, EnvOf } from '../build-context';

/** REGIONS declares the region profiles; without it there is one implicit profile and no region shows anywhere. */
export const regionsEnv = {
  REGIONS: optionalStr(),
  DEFAULT_REGION: optionalStr(),
};

type Context = BuildContext<EnvOf<typeof regionsEnv>>;

/** The name of the one profile a deployment without REGIONS has. */
export const IMPLICIT_PROFILE = 'default';

const PROFILE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

/** What REGIONS and DEFAULT_REGION say: the profiles' names, the default first. */
export interface RegionNames {
  /** Whether REGIONS declares the profiles. */
  declared: boolean;
  /** In REGIONS' order. */
  names: string[];
  default: string;
}

/** `intl` → `INTL`, `eu-central` → `EU_CENTRAL`: the suffix after `__` of a profile's variables. */
export function profileSuffix(profile: string): string {
  return profile.toUpperCase().replace(/-/g, '_');
}

/** `ALIBABA_CLOUD_VOD_REGION__INTL`: the variable as a profile sets it. */
export function profileVariable(variable: string, profile: string): string {
  return `${variable}__${profileSuffix(profile)}`;
}

export function buildRegionNames(ctx: Context): RegionNames {
  const { REGIONS: raw, DEFAULT_REGION: chosen } = ctx.env;
  if (raw === undefined) {
    if (chosen !== undefined) ctx.problem('DEFAULT_REGION', 'needs REGIONS, the list of region profiles it names one of');
    return { declared: false, names: [IMPLICIT_PROFILE], default: IMPLICIT_PROFILE };
  }
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const valid = names.filter((name) => PROFILE_NAME.test(name));
  if (valid.length !== names.length || names.length === 0) {
    ctx.problem('REGIONS', 'must be a comma-separated list of profile names of 1-32 lower-case letters, digits or "-" (cn,intl)');
  }
  if (new Set(valid).size !== valid.length) ctx.problem('REGIONS', 'must name each profile once');
  const unique = [...new Set(valid)];
  if (unique.length === 0) return { declared: false, names: [IMPLICIT_PROFILE], default: IMPLICIT_PROFILE };
  if (chosen !== undefined && !unique.includes(chosen)) {
    ctx.problem('DEFAULT_REGION', `must be one of the profiles REGIONS declares (${unique.join(', ')})`);
  }
  const fallback = chosen !== undefined && unique.includes(chosen) ? chosen : unique[0];
  return { declared: true, names: unique, default: fallback };
}
