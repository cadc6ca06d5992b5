import { execFileSync } from 'node:child_process';
import { type RedisServer, startRedisServer } from '@app/testing';

export interface RedisProcess {
  server: RedisServer;
  pid: number;
}

/** A throwaway redis-server on a free port (never the machine's 6379), and its pid for CPU figures. */
export async function startRedis(): Promise<RedisProcess> {
  const server = await startRedisServer();
  const info = execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(server.port), 'info', 'server'], { encoding: 'utf8' });
  const match = /^process_id:(\d+)/m.exec(info);
  if (!match) throw new Error('redis-server did not report its process_id');
  return { server, pid: Number(match[1]) };
}
