import { createSigner } from 'fast-jwt';
import type { AuthConfig } from '@app/config';

export interface DevTokenOptions {
  sub: string;
  ttlSeconds?: number;
  scope?: string[];
  /** More claims, as an identity provider would add them (the region claim). */
  claims?: Record<string, string>;
}

/** A development token signed with the configured HMAC secret (sandbox banner, `npm run token`). */
export function mintDevToken(secret: string, auth: AuthConfig, options: DevTokenOptions): string {
  const payload: Record<string, unknown> = { ...options.claims };
  if (options.scope && options.scope.length > 0) payload[auth.permissions.claim] = options.scope.join(' ');
  const sign = createSigner({
    key: secret,
    algorithm: 'HS256',
    sub: options.sub,
    expiresIn: (options.ttlSeconds ?? 3600) * 1000,
    ...(auth.issuer ? { iss: auth.issuer } : {}),
    ...(auth.audience.length > 0 ? { aud: auth.audience } : {}),
  });
  return sign(payload);
}
