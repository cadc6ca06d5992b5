import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SANDBOX_DIR = '.sandbox';
const secretFile = (directory: string) => join(directory, 'dev-jwt-secret');

/** The sandbox's JWT secret, kept in .sandbox/ so `npm run token` and restarts agree with it. */
export function readDevSecret(directory = SANDBOX_DIR): string | undefined {
  try {
    const secret = readFileSync(secretFile(directory), 'utf8').trim();
    return secret.length >= 32 ? secret : undefined;
  } catch {
    return undefined;
  }
}

export function loadOrCreateDevSecret(directory = SANDBOX_DIR): { secret: string; persisted: boolean } {
  const existing = readDevSecret(directory);
  if (existing) return { secret: existing, persisted: true };
  const secret = randomBytes(32).toString('base64url');
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    writeFileSync(secretFile(directory), `${secret}\n`, { mode: 0o600 });
    return { secret, persisted: true };
  } catch {
    return { secret, persisted: false };
  }
}
