import { readFileSync } from 'node:fs';
import type { ConfigIssue } from './config.error';

/**
 * Docker and Kubernetes secrets: `NAME_FILE=/run/secrets/name` stands for `NAME=<file content>`.
 * Only variables the schema knows are resolved; the file's trailing newline is dropped.
 */
export function resolveFileVariables(
  env: Record<string, string | undefined>,
  known: readonly string[],
  issues: ConfigIssue[],
): Record<string, string | undefined> {
  const resolved: Record<string, string | undefined> = {};
  for (const name of known) {
    const direct = env[name];
    const file = env[`${name}_FILE`];
    if (file === undefined || file === '') {
      resolved[name] = direct;
      continue;
    }
    if (direct !== undefined && direct !== '') {
      issues.push({ variable: name, rule: `set either ${name} or ${name}_FILE, not both` });
      continue;
    }
    try {
      resolved[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch {
      issues.push({ variable: `${name}_FILE`, rule: 'must name a readable file' });
    }
  }
  return resolved;
}
