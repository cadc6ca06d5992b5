/** The provider's answer lacked a field it documents: we cannot hand it on. */
export class UnexpectedAnswerError extends Error {
  override name = 'UnexpectedAnswerError';
}

/** Query parameters the way the generated SDK adds them: only the fields that are set. */
export function definedOnly(params: Record<string, string | number | undefined>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)) as Record<string, string | number>;
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) throw new UnexpectedAnswerError(`the answer has no ${field}`);
  return value;
}

/** URLs the API may leave empty (IMS MediaURL without a CDN domain): empty counts as absent. */
export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The data fields of a request class, for its constructor. */
export type Fields<T> = Omit<T, 'toQuery'>;
