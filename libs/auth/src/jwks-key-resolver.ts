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
 * The keys of a JWKS URL, each as what `prepare` makes of its PEM (a verifier), once per fetch.
 * jwks-rsa fetches (with a timeout) and converts JWKs to PEM; we keep the key set and gate
 * refetches ourselves, because its per-minute limiter allows bursts and we promise at most one
 * fetch per interval however many unknown `kid`s arrive.
 */
export class JwksKeyResolver<Key> {
  private readonly client: JwksRsa.JwksClient;
  private keys = new Map<string, Key>();
  private fetchedAt = 0;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  /** The last fetch failed: until one succeeds, an unknown key may be one we could not fetch. */
  private unavailable = false;
  private inFlight?: Promise<void>;

  constructor(
    private readonly options: JwksOptions,
    private readonly prepare: (pem: string) => Key,
    private readonly clock: () => number = Date.now,
  ) {
    this.client = JwksRsa({ jwksUri: options.url, cache: false, rateLimit: false, timeout: options.timeoutMs });
  }

  /** The key a token's header names; its `kid` comes from the token, so it may be anything. */
  async keyFor(kid: unknown): Promise<Key> {
    const now = this.clock();
    const known = this.find(kid);
    if (known && now - this.fetchedAt <= this.options.cacheMaxAgeMs) return known;
    let refetched = false;
    if (now - this.attemptedAt >= this.options.refetchIntervalMs) {
      // A stale key we already hold beats an outage of the JWKS endpoint.
      refetched = await this.refresh().then(
        () => true,
        (error: unknown) => {
          if (!known) throw new SigningKeysUnavailableError('the JWKS could not be fetched', { cause: error });
          return false;
        },
      );
    }
    // A key the fetched set no longer lists was withdrawn: refused at once, the request that fetched included.
    const key = this.find(kid) ?? (refetched ? undefined : known);
    if (key) return key;
    // Between refetches during an outage, "try later" (503), not "your token is bad" (401): a valid
    // token signed with a key we could not fetch must not sign its user out.
    if (this.unavailable) throw new SigningKeysUnavailableError('the JWKS could not be fetched at the last attempt');
    throw new UnknownSigningKeyError("no signing key for the token's kid");
  }

  private find(kid: unknown): Key | undefined {
    if (kid !== undefined) return typeof kid === 'string' ? this.keys.get(kid) : undefined;
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
      if (!emptyKeySet(error)) {
        this.unavailable = true;
        throw error;
      }
      // The issuer withdrew every key: an answer, not an outage.
      signingKeys = [];
    }
    this.unavailable = false;
    const keys = new Map<string, Key>();
    for (const signingKey of signingKeys) {
      try {
        keys.set(signingKey.kid, this.prepare(signingKey.getPublicKey()));
      } catch {
        // A key of a type the pinned algorithms cannot use: a token naming it is signed by an unknown key.
      }
    }
    this.keys = keys;
    this.fetchedAt = this.clock();
  }
}

/** jwks-rsa answers a set without (signing) keys with an error; for us it is a set that admits nothing. */
function emptyKeySet(error: unknown): boolean {
  return error instanceof Error && error.name === 'JwksError' && error.message.startsWith('The JWKS endpoint did not contain any');
}
