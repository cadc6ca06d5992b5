import { join } from 'node:path';

/** The repository root, which is also the Docker build context and where deploy/ lives. */
export const ROOT = join(__dirname, '..', '..', '..');

export const repoPath = (...parts: string[]): string => join(ROOT, ...parts);
