import { runWebhooksCli, USAGE } from './webhooks-cli';
import { captureCli, testKey } from '@app/testing';

const cli = (argv: string[], env: Record<string, string> = {}) => captureCli((out) => runWebhooksCli(argv, env, out));

// With Redis, the commands are proven end to end in test/webhooks.e2e-spec.ts.
describe(runWebhooksCli.name, () => {
  it('prints the usage for --help', async () => {
    expect(await cli(['--help'])).toEqual({ code: 0, stdout: USAGE, stderr: '' });
  });

  it('refuses a missing or unknown command or option with the usage and exit code 2', async () => {
    expect(await cli([])).toEqual({ code: 2, stdout: '', stderr: `no command\n\n${USAGE}` });
    expect(await cli(['purge'])).toEqual({ code: 2, stdout: '', stderr: `unknown command: purge\n\n${USAGE}` });
    expect(await cli(['failed', '--since', 'x'])).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--since'") });
  });

  it('says in one line that the dead letters live in Redis when none is configured', async () => {
    expect(await cli(['failed'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'no Redis configured (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES): ' +
        'without it, webhooks are queued inside the running service only\n',
    });
  });

  it('reports a bad configuration by variable, without a stack trace', async () => {
    const { code, stderr } = await cli(['failed'], { WEBHOOK_RETRY_SCHEDULE: 'often' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Invalid configuration \(1 problem\):\n {2}- WEBHOOK_RETRY_SCHEDULE: must be/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('checks arguments before reaching Redis', async () => {
    const env = {
      REDIS_URL: 'redis://127.0.0.1:1',
      CACHE_ENCRYPTION_KEY: testKey(1),
      REDIS_CONNECT_TIMEOUT_MS: '100',
    };
    expect(await cli(['redeliver'], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^redeliver takes one webhook-id/) });
    expect(await cli(['failed', '--limit', '0'], env)).toMatchObject({
      code: 2,
      stderr: '--limit must be a whole number from 1 to 10000\n',
    });
    expect(await cli(['redeliver-all'], env)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'cannot reach Redis within REDIS_CONNECT_TIMEOUT_MS (100 ms)\n',
    });
  });
});
