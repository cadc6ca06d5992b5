import { runVerificationsCli, USAGE } from './verifications-cli';
import { captureCli, testKey } from '@app/testing';

const cli = (argv: string[], env: Record<string, string> = {}) => captureCli((out) => runVerificationsCli(argv, env, out));

// With Redis, the commands are proven end to end in test/verification.e2e-spec.ts.
describe(runVerificationsCli.name, () => {
  const redis = { REDIS_URL: 'redis://127.0.0.1:1', CACHE_ENCRYPTION_KEY: testKey(1), REDIS_CONNECT_TIMEOUT_MS: '100' };

  it('prints the usage for --help, and refuses an unknown command with it', async () => {
    expect(await cli(['--help'])).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    expect(await cli(['redeliver', 'x'])).toEqual({ code: 2, stdout: '', stderr: `unknown command: redeliver\n\n${USAGE}` });
  });

  it('says why there is nothing to reach: no Redis, or verification off', async () => {
    expect(await cli(['failed'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/verifications are retried inside the running service only\n$/),
    });
    expect(await cli(['failed'], { ...redis, UPLOAD_VERIFICATION: 'off' })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'UPLOAD_VERIFICATION=off: nothing is verified, so there is no queue\n',
    });
  });

  it('checks arguments before reaching Redis', async () => {
    expect(await cli(['retry'], redis)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^retry takes one job-id/) });
    expect(await cli(['retry-all'], redis)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'cannot reach Redis within REDIS_CONNECT_TIMEOUT_MS (100 ms)\n',
    });
  });
});
