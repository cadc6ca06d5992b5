/** A `scope` claim may be an OAuth-style space-separated string or an array of strings. */
export function permissionsFromClaim(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(/\s+/).filter((scope) => scope.length > 0);
  if (Array.isArray(claim)) return claim.filter((scope): scope is string => typeof scope === 'string');
  return [];
}
