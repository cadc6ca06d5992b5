import { createDeliveryQueue } from '@app/webhooks';
import { type CliOutput, type QueueCli, runQueueCli } from './queue-cli';

export const USAGE = `usage: npm run webhooks -- <command>
   or, in the image: node dist/apps/upload-api/src/cli/webhooks.js <command>

  failed [--limit N] [--json]   list the dead letters (events whose last retry failed), newest first
  redeliver <webhook-id>        queue one dead letter again, with a fresh retry schedule
  redeliver-all                 queue every dead letter again

Reads the service's configuration (environment, .env, NAME_FILE) to reach its Redis; a running
service delivers what is queued again, with the same webhook-id.
`;

const WEBHOOKS: QueueCli = {
  usage: USAGE,
  again: { one: 'redeliver', all: 'redeliver-all', id: 'webhook-id', list: 'npm run webhooks -- failed' },
  withoutRedis: 'without it, webhooks are queued inside the running service only',
  open: (config) => createDeliveryQueue(config.store, config.webhooks, config.protection.encryptionKeys),
};

/** `npm run webhooks -- ...`; resolves with the exit code. */
export const runWebhooksCli = (argv: string[], env: Record<string, string | undefined>, out: CliOutput): Promise<number> =>
  runQueueCli(WEBHOOKS, argv, env, out);
