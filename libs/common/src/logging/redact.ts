export const REDACTED = '[REDACTED]';

/** Field names that hold, or may hold, something an attacker could use. Matched anywhere in the name. */
export const SENSITIVE_KEY = /secret|passw|token|auth|credential|certificate|cookie|signature|session|key/i;

/**
 * Deep copy with every sensitive field replaced. pino's own `redact` needs exact paths;
 * we must catch any field whose *name* looks sensitive, at any depth.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SENSITIVE_KEY.test(key) ? REDACTED : redact(item, depth + 1);
  }
  return copy;
}
