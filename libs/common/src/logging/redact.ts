export const REDACTED = '[REDACTED]';

/** Field names that hold, or may hold, something an attacker could use. Matched anywhere in the name. */
export const SENSITIVE_KEY = /secret|passw|token|auth|credential|certificate|cookie|signature|session|key/i;

const isPlainObject = (value: object) => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * Every sensitive field replaced, at any depth. pino's own `redact` needs exact paths; we must
 * catch any field whose *name* looks sensitive. Never modifies its input: plain objects and arrays
 * are copied only where something is replaced (every log line passes here, most have nothing to
 * hide); other objects are always copied to their own enumerable fields, as JSON would show them.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    let copy: unknown[] | undefined;
    items.forEach((item, i) => {
      const clean = redact(item, depth + 1);
      if (clean !== item) (copy ??= [...items])[i] = clean;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined = isPlainObject(value) ? undefined : {};
  for (const [key, item] of Object.entries(value)) {
    const clean = SENSITIVE_KEY.test(key) ? REDACTED : redact(item, depth + 1);
    if (copy) copy[key] = clean;
    else if (clean !== item) copy = { ...(value as Record<string, unknown>), [key]: clean };
  }
  return copy ?? value;
}
