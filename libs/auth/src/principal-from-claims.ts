import type { Claims } from './key-verifier';
import { permissionsFromClaim } from './permissions';
import type { Principal } from './principal';

/** Printable, 1 to 255 characters: `sub` becomes the owner id of everything the user creates. */
const SUBJECT = /^[^\p{Cc}]{1,255}$/u;

/** Where a token names its region, when REGIONS declares profiles. */
export interface RegionClaim {
  claim: string;
  profiles: readonly string[];
  default: string;
}

/**
 * The user a verified token's claims stand for, or undefined when its `sub` cannot be an owner id. With
 * `regions`, the user's region profile: the claim's, the default one without a claim, none for a claim
 * that names no profile (nothing falls back silently).
 */
export function principalFromClaims(claims: Claims, permissionsClaim: string, regions?: RegionClaim): Principal | undefined {
  const sub = claims.sub;
  // Well-formed too: hashing maps every lone surrogate to U+FFFD, so two such subs would share one user's limits and records.
  if (typeof sub !== 'string' || !SUBJECT.test(sub) || !sub.isWellFormed()) return undefined;
  const principal: Principal = { id: sub, permissions: permissionsFromClaim(claims[permissionsClaim]) };
  if (regions) {
    const named = claims[regions.claim];
    const region = named === undefined || named === null ? regions.default : named;
    if (typeof region === 'string' && regions.profiles.includes(region)) principal.region = region;
  }
  return principal;
}
