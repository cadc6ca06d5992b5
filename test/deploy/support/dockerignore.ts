import { readFileSync } from 'node:fs';
import { repoPath } from './repo-paths';

interface Rule {
  exclude: boolean;
  pattern: RegExp;
}

/** One .dockerignore pattern as a regular expression over slash-separated context paths (Go filepath.Match plus **). */
function toRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      // "**/" matches any number of directories, including none.
      source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Docker's rule: the last matching line decides, `!` re-includes, and a path is excluded when it or any
 * directory above it matches (what buildkit does for plain patterns).
 */
export function readDockerignore(path = repoPath('.dockerignore')): (contextPath: string) => boolean {
  const rules: Rule[] = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const exclude = !line.startsWith('!');
      const cleaned = (exclude ? line : line.slice(1)).replace(/^\/+/, '').replace(/\/+$/, '');
      return { exclude, pattern: toRegExp(cleaned) };
    });
  return (contextPath) => {
    const parts = contextPath.split('/');
    let excluded = false;
    for (const rule of rules) {
      const matches = parts.some((_, index) => rule.pattern.test(parts.slice(0, index + 1).join('/')));
      if (matches) excluded = rule.exclude;
    }
    return excluded;
  };
}
