import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * The process environment over an optional `.env` file in the working directory (local
 * development only; real deployments set variables or NAME_FILE secrets). The one place
 * that reads process.env.
 */
export function readEnvironment(envFile = '.env'): Record<string, string | undefined> {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}
