import { parseArgs } from 'node:util';
import { type AppConfig, ConfigError, loadConfig } from '@app/config';
import type { DeadLetter, DeliveryQueue } from '@app/webhooks';

/**
 * One durable queue's dead letters, for an operator: the app webhooks (`npm run webhooks`) and the
 * verification retries (`npm run verifications`) are the same machinery under two names.
 */
export interface QueueCli {
  usage: string;
  /** The commands that queue one dead letter again, or all of them, and what names one. */
  again: { one: string; all: string; id: string; list: string };
  /** Why there is nothing to reach without Redis. */
  withoutRedis: string;
  /** The queue, or why this deployment has none (a line for stderr). */
  open(config: AppConfig): DeliveryQueue | string;
}

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
function parseCommand(cli: QueueCli, command: string | undefined, args: string[], values: { limit?: string; json?: boolean }): Command {
  const { usage: USAGE, again } = cli;
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
    case again.one: {
      const [id] = args;
      if (!id || args.length > 1) throw new CliError(`${again.one} takes one ${again.id}\n\n${USAGE}`, 2);
      return async (queue, out) => {
        if (!(await queue.redeliver(id))) throw new CliError(`no dead letter with id ${id} (see: ${again.list})`);
        out.stdout.write(`queued ${id} for redelivery\n`);
      };
    }
    case again.all:
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

/** `npm run webhooks -- ...`, `npm run verifications -- ...`; resolves with the exit code. */
export async function runQueueCli(cli: QueueCli, argv: string[], env: Record<string, string | undefined>, out: CliOutput): Promise<number> {
  const USAGE = cli.usage;
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
    const execute = parseCommand(cli, command, args, values);
    const config = loadConfig(env);
    if (config.store.kind !== 'redis') {
      throw new CliError(`no Redis configured (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES): ${cli.withoutRedis}`);
    }
    const opened = cli.open(config);
    if (typeof opened === 'string') throw new CliError(opened);
    queue = opened;
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
