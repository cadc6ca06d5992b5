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
