import { createVerificationQueue } from '@app/uploads';
import { type CliOutput, type QueueCli, runQueueCli } from './queue-cli';

export const USAGE = `usage: npm run verifications -- <command>
   or, in the image: node dist/apps/upload-api/src/cli/verifications.js <command>

  failed [--limit N] [--json]   list the dead letters (lookups or deletions at the provider given up), newest first
  retry <job-id>                queue one dead letter again, with a fresh retry schedule
  retry-all                     queue every dead letter again

A dead letter's id names its action and upload (verify-<uploadId>-…, remove-<uploadId>-…); its upload
stays \`verifying\` until a retry settles it. Reads the service's configuration (environment, .env,
NAME_FILE) to reach its Redis; a running service runs what is queued again.
`;

const VERIFICATIONS: QueueCli = {
  usage: USAGE,
  again: { one: 'retry', all: 'retry-all', id: 'job-id', list: 'npm run verifications -- failed' },
  withoutRedis: 'without it, verifications are retried inside the running service only',
  open: (config) => createVerificationQueue(config) ?? 'UPLOAD_VERIFICATION=off: nothing is verified, so there is no queue',
};

/** `npm run verifications -- ...`; resolves with the exit code. */
export const runVerificationsCli = (argv: string[], env: Record<string, string | undefined>, out: CliOutput): Promise<number> =>
  runQueueCli(VERIFICATIONS, argv, env, out);
