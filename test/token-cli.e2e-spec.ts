import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_JWT_SECRET } from './support/test-app';

const ROOT = join(__dirname, '..');

/** `npm run token -- <args>` as a shell runs it: its exit code and both streams. */
function token(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', require.resolve('@swc-node/register'), join(ROOT, 'scripts/token.ts'), ...args], {
    // Outside the repository: no .sandbox/ secret to fall back on, only the environment.
    cwd: mkdtempSync(join(tmpdir(), 'token-')),
    env: { PATH: process.env.PATH ?? '', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), AUTH_JWT_SECRET: TEST_JWT_SECRET },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run token', () => {
  it('prints its usage for --help and exits 0', async () => {
    const { code, stdout, stderr } = await token('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm run -s token -- --sub <user id>/);
    expect(stdout).toContain('--ttl <seconds>');
    expect(stderr).toBe('');
  });

  it.each([
    [['--sub'], /^npm run token: Option '--sub <value>' argument missing \(see --help\)\n$/],
    [['--sub', 'alice', '--ttl', '-5'], /^npm run token: --ttl must be a positive whole number of seconds, not "-5" \(see --help\)\n$/],
    [['--sub', 'alice', '--ttl', 'soon'], /^npm run token: --ttl must be a positive whole number of seconds, not "soon"/],
    [['--sub', 'alice', '--bogus'], /^npm run token: Unknown option '--bogus'/],
    [[], /^npm run token: --sub <user id> is required \(see --help\)\n$/],
  ])('refuses %j with one line and exit code 2, no stack trace', async (args, message) => {
    const { code, stdout, stderr } = await token(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints a token for good arguments', async () => {
    const { code, stdout } = await token('--sub', 'alice', '--ttl', '60', '--scope', 'upload:video');
    expect(code).toBe(0);
    const payload = JSON.parse(Buffer.from(stdout.trim().split('.')[1], 'base64url').toString());
    expect(payload).toMatchObject({ sub: 'alice', scope: 'upload:video' });
    expect(payload.exp - payload.iat).toBe(60);
  });
});
