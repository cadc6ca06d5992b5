import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { knownVariables } from '@app/config';
import { loadServiceConfig, PROVIDER_CONFIGS } from './providers';

const text = readFileSync(join(__dirname, '..', '..', '..', '.env.example'), 'utf8');

describe('.env.example', () => {
  it('lists every variable the service reads, set or commented out', () => {
    const listed = new Set([...text.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    expect(knownVariables(PROVIDER_CONFIGS).filter((name) => !listed.has(name))).toEqual([]);
  });

  it('gives each variable a comment line above it', () => {
    const lines = text.split('\n');
    const uncommented = lines
      .map((line, index) => ({ line, previous: lines[index - 1] ?? '' }))
      .filter(({ line }) => /^[A-Z][A-Z0-9_]+=/.test(line))
      .filter(({ previous }) => !previous.startsWith('#'))
      .map(({ line }) => line.split('=')[0]);
    expect(uncommented).toEqual([]);
  });

  it('loads as a development configuration once copied to .env', () => {
    expect(() => loadServiceConfig({ ...parseEnv(text), NODE_ENV: 'development' })).not.toThrow();
  });

  it('is refused as it stands in production: its secrets are placeholders', () => {
    expect(() => loadServiceConfig({ ...parseEnv(text), NODE_ENV: 'production' })).toThrow(/holds a placeholder value/);
  });
});
