import type { CredentialUnit } from '../provider-section';
import { profileVariable } from './regions.section';

/**
 * The settings one region profile reads: a per-profile variable's `__<PROFILE>` value when the profile
 * sets it (an empty value unsets it there), else the unsuffixed one, except in a credential unit the
 * profile sets: that unit is the profile's own, whole. The implicit profile (no REGIONS) reads the
 * environment as it is.
 */
export interface ProfileView {
  /** The profile's value of a per-profile variable (any other reads as it is). */
  value(variable: string): string | undefined;
  /** The variable a problem names: the suffixed one where the profile sets it (or owns its unit). */
  nameOf(variable: string): string;
  /** Whether the profile's value comes from the unsuffixed variable. */
  inherits(variable: string): boolean;
}

export function implicitView(resolved: Readonly<Record<string, string | undefined>>): ProfileView {
  return { value: (variable) => resolved[variable], nameOf: (variable) => variable, inherits: () => false };
}

export function profileView(
  resolved: Readonly<Record<string, string | undefined>>,
  profile: string,
  perProfile: ReadonlySet<string>,
  units: readonly CredentialUnit[],
): ProfileView {
  const sets = (variable: string) => resolved[profileVariable(variable, profile)] !== undefined;
  const owned = new Set(
    units.map((unit) => [...unit.pair, ...(unit.with ?? [])]).flatMap((members) => (members.some(sets) ? members : [])),
  );
  const own = (variable: string) => perProfile.has(variable) && (sets(variable) || owned.has(variable));
  return {
    value: (variable) => (own(variable) ? resolved[profileVariable(variable, profile)] : resolved[variable]),
    nameOf: (variable) => (own(variable) ? profileVariable(variable, profile) : variable),
    inherits: (variable) => perProfile.has(variable) && !own(variable),
  };
}

/** A profile's unit that sets one half of its pair without the other: each missing half, named as the profile must set it. */
export function halfPairs(
  resolved: Readonly<Record<string, string | undefined>>,
  profile: string,
  units: readonly CredentialUnit[],
): { missing: string; present: string }[] {
  return units.flatMap(({ pair: [id, secret] }) => {
    const [idName, secretName] = [profileVariable(id, profile), profileVariable(secret, profile)];
    const [hasId, hasSecret] = [resolved[idName] !== undefined, resolved[secretName] !== undefined];
    if (hasId === hasSecret) return [];
    return [hasId ? { missing: secretName, present: idName } : { missing: idName, present: secretName }];
  });
}
