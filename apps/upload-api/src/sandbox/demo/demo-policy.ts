/**
 * The page may talk to this service and to the emulator's stand-ins, and load nothing from anywhere
 * else: the SDKs come from this service, and an SDK that tries a real cloud host is stopped here.
 * `endpoints` is what GET /v1/sandbox answers: every URL in it is a stand-in the SDKs may reach.
 */
export function demoPolicy(endpoints: unknown): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    ["connect-src 'self'", ...originsIn(endpoints)].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The origins of the http(s) URLs anywhere in `value`, once each: the platform does not know which SDK needs which. */
function originsIn(value: unknown): string[] {
  const origins = (item: unknown): string[] => {
    if (typeof item === 'string') return /^https?:\/\//.test(item) && URL.canParse(item) ? [new URL(item).origin] : [];
    return item && typeof item === 'object' ? Object.values(item).flatMap(origins) : [];
  };
  return [...new Set(origins(value))];
}
