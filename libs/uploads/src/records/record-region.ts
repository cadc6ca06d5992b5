import type { Principal } from '@app/auth';
import type { RegionsConfig } from '@app/config';

/**
 * A new record's region: the user's profile when REGIONS declares profiles (the request gate admitted
 * only a user whose region offers the kind; never a fallback here), nothing without REGIONS.
 */
export function recordRegion(regions: RegionsConfig, user: Principal): { region?: string } {
  if (!regions.declared) return {};
  if (user.region === undefined) throw new Error(`user ${user.id} has no region profile: the request gate must refuse it first`);
  return { region: user.region };
}

/**
 * The `region` label of the upload metrics: only with REGIONS (a bounded set, the profiles, and `none` for
 * what no region can be told of), so that without profiles every series stays exactly as it was.
 */
export function regionLabel(regions: RegionsConfig): { names: 'region'[]; of(region: string | undefined): { region?: string } } {
  if (!regions.declared) return { names: [], of: () => ({}) };
  return { names: ['region'], of: (region) => ({ region: region ?? 'none' }) };
}
