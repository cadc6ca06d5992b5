/** Values that are obviously copied from `.env.example` or a tutorial, refused in production. */
const PLACEHOLDER =
  /change[-_ ]?me|placeholder|replace[-_ ]?me|example|your[-_ ]|dummy|not[-_ ]a[-_ ]secret|^(?:x+|secret|password|test|dev|development)$/i;

export function looksLikePlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}
