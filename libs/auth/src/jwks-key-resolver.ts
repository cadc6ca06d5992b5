import { createPublicKey, type KeyObject } from 'node:crypto';
import JwksRsa from 'jwks-rsa';

export interface JwksOptions {
  url: string;
  cacheMaxAgeMs: number;
  refetchIntervalMs: number;
  timeoutMs: number;
}

export class UnknownSigningKeyError extends Error {
  override name = 'SigningKeyNotFoundError';
}

/** The key set could not be fetched: the one failure that is ours (503), not the token's (401). */
export class SigningKeysUnavailableError extends Error {
  override name = 'SigningKeysUnavailableError';
}

/**
 * Public keys from a JWKS URL. jwks-rsa fetches (with a timeout) and converts JWKs to PEM, parsed
 * here once per fetch; we keep the key set and gate refetches ourselves, because its per-minute
 * limiter allows bursts and we promise at most one fetch per interval however many unknown `kid`s
 * arrive.
 */
export class JwksKeyResolver {
  private readonly client: JwksRsa.JwksClient;
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  /** The last fetch failed: until one succeeds, an unknown key may be one we could not fetch. */
  private unavailable = false;
  private inFlight?: Promise<void>;

  constructor(
    private readonly options: JwksOptions,
    private readonly clock: () => number = Date.now,
  ) {
    this.client = JwksRsa({ jwksUri: options.url, cache: false, rateLimit: false, timeout: options.timeoutMs });
  }

  async publicKey(kid: string | undefined): Promise<KeyObject> {
    const now = this.clock();
    const known = this.find(kid);
    if (known && now - this.fetchedAt <= this.options.cacheMaxAgeMs) return known;
    if (now - this.attemptedAt >= this.options.refetchIntervalMs) {
      // A stale key we already hold beats an outage of the JWKS endpoint.
      await this.refresh().catch((error: unknown) => {
        if (!known) throw new SigningKeysUnavailableError('the JWKS could not be fetched', { cause: error });
      });
    }
    const key = this.find(kid) ?? known;
    if (key) return key;
    // Between refetches during an outage, "try later" (503), not "your token is bad" (401): a valid
    // token signed with a key we could not fetch must not sign its user out.
    if (this.unavailable) throw new SigningKeysUnavailableError('the JWKS could not be fetched at the last attempt');
    throw new UnknownSigningKeyError(`no signing key ${kid ?? '(no kid)'}`);
  }

  private find(kid: string | undefined): KeyObject | undefined {
    if (kid !== undefined) return this.keys.get(kid);
    return this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
  }

  private refresh(): Promise<void> {
    this.inFlight ??= this.fetch().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async fetch(): Promise<void> {
    this.attemptedAt = this.clock();
    let signingKeys: JwksRsa.SigningKey[];
    try {
      signingKeys = await this.client.getSigningKeys();
    } catch (error) {
      this.unavailable = true;
      throw error;
    }
    this.unavailable = false;
    this.keys = new Map(signingKeys.map((key) => [key.kid, createPublicKey(key.getPublicKey())]));
    this.fetchedAt = this.clock();
  }
}
