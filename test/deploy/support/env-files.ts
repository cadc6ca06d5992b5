import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { knownVariables } from '@app/config';
import { PROVIDER_CONFIGS } from '../../../apps/upload-api/src/providers';

const KNOWN_VARIABLES = knownVariables(PROVIDER_CONFIGS);

/** A dotenv file as Compose and kustomize read it (comments, KEY=value lines). */
export const readEnvFile = (path: string): Record<string, string> => parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;

/** Variable names the service does not know: a typo here is silently ignored by the service, so tests refuse it. */
export function unknownVariables(env: Record<string, string>): string[] {
  return Object.keys(env).filter((name) => !KNOWN_VARIABLES.includes(name.replace(/_FILE$/, '')));
}

/** Points every NAME_FILE under `mountPath` at the same file name in `localDir` (secrets made for the test). */
export function remapSecretFiles(env: Record<string, string>, mountPath: string, localDir: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => [
      name,
      name.endsWith('_FILE') && value.startsWith(mountPath) ? `${localDir}${value.slice(mountPath.length)}` : value,
    ]),
  );
}

/** An example env file with its commented-out settings (`# NAME=value` lines) switched on, as an operator would. */
export const readExampleSwitchedOn = (path: string): Record<string, string> =>
  parseEnv(readFileSync(path, 'utf8').replace(/^# ?([A-Z][A-Z0-9_]*=)/gm, '$1')) as Record<string, string>;

/** The file names under `mountPath` that an environment's NAME_FILE variables read. */
export const secretFilesNamed = (env: Record<string, string>, mountPath: string): string[] =>
  Object.entries(env)
    .filter(([name, value]) => name.endsWith('_FILE') && value.startsWith(`${mountPath}/`))
    .map(([, value]) => value.slice(mountPath.length + 1));
