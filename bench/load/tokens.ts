import { randomBytes } from 'node:crypto';
import { claims, signJwt } from '../../test/support/tokens';

/** Bearer tokens for the scenarios, signed up front so signing costs the load generator nothing. */
export interface BenchTokens {
  /** One per user of the rotating pool. */
  pool: string[];
  /** The user whose idempotent request (f) replays. */
  replayer: string;
  /** The owner of the uploads (i) reads and (j), (k) complete, created before their warm-up; and its user id. */
  owner: string;
  ownerId: string;
  /** The user who is over the per-kind limit in (c). */
  limited: string;
  /** Well-formed, but signed with another secret: (b). */
  forged: string;
}

export function signTokens(secret: string, users: number, runId: string): BenchTokens {
  const token = (sub: string) =>
    `Bearer ${signJwt(claims(sub, { exp: Math.floor(Date.now() / 1000) + 4 * 3600 }), { alg: 'HS256', secret })}`;
  return {
    pool: Array.from({ length: users }, (_, i) => token(`bench-${runId}-user-${i}`)),
    replayer: token(`bench-${runId}-replayer`),
    owner: token(`bench-${runId}-owner`),
    ownerId: `bench-${runId}-owner`,
    limited: token(`bench-${runId}-limited`),
    forged: `Bearer ${signJwt(claims(`bench-${runId}-forger`), { alg: 'HS256', secret: randomBytes(48).toString('base64url') })}`,
  };
}
