import type { Claims } from './key-verifier';
import { permissionsFromClaim } from './permissions';
import type { Principal } from './principal';

/** Printable, 1 to 255 characters: `sub` becomes the owner id of everything the user creates. */
const SUBJECT = /^[^\p{Cc}]{1,255}$/u;

/** The user a verified token's claims stand for, or undefined when its `sub` cannot be an owner id. */
export function principalFromClaims(claims: Claims, permissionsClaim: string): Principal | undefined {
  const sub = claims.sub;
  // Well-formed too: hashing maps every lone surrogate to U+FFFD, so two such subs would share one user's limits and records.
  if (typeof sub !== 'string' || !SUBJECT.test(sub) || !sub.isWellFormed()) return undefined;
  return { id: sub, permissions: permissionsFromClaim(claims[permissionsClaim]) };
}
