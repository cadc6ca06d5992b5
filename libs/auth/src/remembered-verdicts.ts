import type { TokenVerdict } from './key-verifier';
import { TOKEN_REFUSALS } from './token-refusals';

/** Longer tokens are verified every time: 4,096 forged 16 KB tokens must not hold 64 MB. */
const MAX_TOKEN_LENGTH = 2048;
const MAX_ADMISSIONS = 4096;
const MAX_REFUSALS = 1024;

/** At most `max` entries; the least recently used goes first. */
class RecentlyUsed<Value> {
  private readonly entries = new Map<string, Value>();

  constructor(private readonly max: number) {}

  get(key: string): Value | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: Value): void {
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

interface Admission {
  verdict: TokenVerdict;
  /** From when it was given until the token's exp, in ms. */
  since: number;
  until: number;
}

/**
 * fast-jwt's verdicts on tokens for one fixed key, by the whole token, so that a client's next
 * request skips the parse and the signature. An admission is recalled only from the moment it was
 * given until the token's `exp`: in between, nothing fast-jwt checks can have changed (same key,
 * same rules, `nbf` held then and time has only moved on); outside it fast-jwt is asked again,
 * tolerance and all. A refusal stands, except "not valid yet", which time undoes. Admissions and
 * refusals are kept apart, so that a flood of forged tokens cannot push out real users' admissions.
 */
export class RememberedVerdicts {
  private readonly admissions = new RecentlyUsed<Admission>(MAX_ADMISSIONS);
  private readonly refusals = new RecentlyUsed<TokenVerdict>(MAX_REFUSALS);

  recall(token: string): TokenVerdict | undefined {
    const admission = this.admissions.get(token);
    if (admission === undefined) return this.refusals.get(token);
    const now = Date.now();
    if (admission.since <= now && now < admission.until) return admission.verdict;
    this.admissions.delete(token);
    return undefined;
  }

  remember(token: string, verdict: TokenVerdict): void {
    if (token.length > MAX_TOKEN_LENGTH) return;
    if (verdict.refusal) {
      if (verdict.refusal !== TOKEN_REFUSALS.notYetValid) this.refusals.set(token, verdict);
      return;
    }
    const since = Date.now();
    const until = Number(verdict.claims.exp) * 1000;
    // Admitted within the clock tolerance after exp: nothing to recall.
    if (since < until) this.admissions.set(token, { verdict, since, until });
  }
}
