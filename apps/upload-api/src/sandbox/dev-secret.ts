import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SANDBOX_DIR = '.sandbox';
const SECRET_FILE = join(SANDBOX_DIR, 'dev-jwt-secret');

/** The sandbox's JWT secret, kept in .sandbox/ so `npm run token` and restarts agree with it. */
export function readDevSecret(): string | undefined {
  try {
    const secret = readFileSync(SECRET_FILE, 'utf8').trim();
    return secret.length >= 32 ? secret : undefined;
  } catch {
    return undefined;
  }
}

export function loadOrCreateDevSecret(): { secret: string; persisted: boolean } {
  const existing = readDevSecret();
  if (existing) return { secret: existing, persisted: true };
  const secret = randomBytes(32).toString('base64url');
  try {
    mkdirSync(SANDBOX_DIR, { recursive: true, mode: 0o700 });
    writeFileSync(SECRET_FILE, `${secret}\n`, { mode: 0o600 });
    return { secret, persisted: true };
  } catch {
    return { secret, persisted: false };
  }
}
