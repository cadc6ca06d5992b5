import { Cluster, type Redis, ReplyError } from 'ioredis';
import type { StorePersistence } from '../store.types';
import type { RedisClient } from './redis-client';

/** A refusal (NOPERM from an ACL, a renamed or disabled command) is an answer; anything else is an outage. */
async function unlessRefused<T>(command: () => Promise<T>): Promise<T | undefined> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof ReplyError) return undefined;
    throw error;
  }
}

/** One `CONFIG GET` parameter at a time, as Redis 6 (still offered by managed services) accepts. */
async function configValue(node: Redis, parameter: string): Promise<string | undefined> {
  const reply = await unlessRefused(() => node.config('GET', parameter));
  return reply?.[1];
}

/**
 * CONFIG GET where the server allows it; else INFO persistence, which tells whether AOF is on but not
 * the snapshot points; else nothing.
 */
async function nodePersistence(node: Redis): Promise<StorePersistence> {
  const [appendOnly, appendFsync, save] = await Promise.all(['appendonly', 'appendfsync', 'save'].map((name) => configValue(node, name)));
  if (appendOnly !== undefined && save !== undefined) {
    return { appendOnly: appendOnly === 'yes', snapshots: save.trim() !== '', ...(appendFsync !== undefined && { appendFsync }) };
  }
  const info = await unlessRefused(() => node.info('persistence'));
  const aofEnabled = info === undefined ? undefined : /^aof_enabled:(\d)/m.exec(info)?.[1];
  return { appendOnly: aofEnabled === undefined ? undefined : aofEnabled === '1', snapshots: undefined };
}

/** Every node must keep its part: one without is data lost, one that will not say leaves the answer open. */
function together(reports: StorePersistence[], field: 'appendOnly' | 'snapshots'): boolean | undefined {
  const values = reports.map((report) => report[field]);
  if (values.includes(false)) return false;
  return values.includes(undefined) ? undefined : true;
}

/** The persistence of the server behind the store's connection; in a cluster, of every master. */
export async function readPersistence(client: RedisClient): Promise<StorePersistence> {
  const nodes: Redis[] = client instanceof Cluster ? client.nodes('master') : [client];
  const reports = await Promise.all(nodes.map(nodePersistence));
  const fsyncs = [...new Set(reports.map((report) => report.appendFsync).filter((value) => value !== undefined))];
  return {
    appendOnly: together(reports, 'appendOnly'),
    snapshots: together(reports, 'snapshots'),
    ...(fsyncs.length > 0 && { appendFsync: fsyncs.join('/') }),
  };
}
