import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@app/config';
import { createDeliveryQueue, type DeadLetter, type DeliveryQueue } from '@app/webhooks';

export const USAGE = `usage: npm run webhooks -- <command>
   or, in the image: node dist/apps/upload-api/src/cli/webhooks.js <command>

  failed [--limit N] [--json]   list the dead letters (events whose last retry failed), newest first
  redeliver <webhook-id>        queue one dead letter again, with a fresh retry schedule
  redeliver-all                 queue every dead letter again

Reads the service's configuration (environment, .env, NAME_FILE) to reach its Redis; a running
service delivers what is queued again, with the same webhook-id.
`;

export interface CliOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** A user error: one line on stderr, no stack trace. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function describe(letter: DeadLetter): string {
  const attempts = `${letter.attempts} attempt${letter.attempts === 1 ? '' : 's'}`;
  return `${letter.id}  ${letter.type}  failed ${new Date(letter.failedAt).toISOString()}  after ${attempts}  ${letter.reason}`;
}

type Command = (queue: DeliveryQueue, out: CliOutput) => Promise<void>;

/** The command, its arguments checked before anything connects. */
function parseCommand(command: string | undefined, args: string[], values: { limit?: string; json?: boolean }): Command {
  switch (command) {
    case 'failed': {
      const limit = Number(values.limit ?? '100');
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new CliError('--limit must be a whole number from 1 to 10000', 2);
      return async (queue, out) => {
        const letters = await queue.deadLetters(limit);
        if (values.json) out.stdout.write(`${JSON.stringify(letters, null, 2)}\n`);
        else if (letters.length === 0) out.stdout.write('no dead letters\n');
        else out.stdout.write(`${letters.map(describe).join('\n')}\n${letters.length} dead letter${letters.length === 1 ? '' : 's'}\n`);
      };
    }
    case 'redeliver': {
      const [id] = args;
      if (!id || args.length > 1) throw new CliError(`redeliver takes one webhook-id\n\n${USAGE}`, 2);
      return async (queue, out) => {
        if (!(await queue.redeliver(id))) throw new CliError(`no dead letter with id ${id} (see: npm run webhooks -- failed)`);
        out.stdout.write(`queued ${id} for redelivery\n`);
      };
    }
    case 'redeliver-all':
      return async (queue, out) => {
        const count = await queue.redeliverAll();
        out.stdout.write(`queued ${count} dead letter${count === 1 ? '' : 's'} for redelivery\n`);
      };
    default:
      throw new CliError(`${command ? `unknown command: ${command}` : 'no command'}\n\n${USAGE}`, 2);
  }
}

/** parseArgs refusing an option (unknown, or missing its value). */
function isUsageError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** `npm run webhooks -- ...`; resolves with the exit code. */
export async function runWebhooksCli(argv: string[], env: Record<string, string | undefined>, out: CliOutput): Promise<number> {
  let queue: DeliveryQueue | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' }, limit: { type: 'string' }, json: { type: 'boolean' } },
    });
    const [command, ...args] = positionals;
    if (values.help) {
      out.stdout.write(USAGE);
      return 0;
    }
    const execute = parseCommand(command, args, values);
    const config = loadConfig(env);
    if (config.store.kind !== 'redis') {
      throw new CliError(
        'no Redis configured (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES): ' +
          'without it, webhooks are queued inside the running service only',
      );
    }
    queue = createDeliveryQueue(config.store, config.webhooks, config.protection.encryptionKeys);
    // Once connected, every command fails fast if Redis goes away (the queue's connection does not wait).
    if (!(await queue.waitUntilReady(config.store.connectTimeoutMs))) {
      throw new CliError(`cannot reach Redis within REDIS_CONNECT_TIMEOUT_MS (${config.store.connectTimeoutMs} ms)`);
    }
    await execute(queue, out);
    return 0;
  } catch (error) {
    if (isUsageError(error)) {
      out.stderr.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    const message = error instanceof CliError || error instanceof ConfigError ? error.message : `failed: ${(error as Error).message}`;
    out.stderr.write(`${message.trimEnd()}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  } finally {
    await queue?.close().catch(() => undefined);
  }
}
