/**
 * Standalone emulator: `npm run start:emulator -- --port 4000 --keys-file keys.json [--storage]`
 * keys.json: { "aliyun": [{ "id": "...", "secret": "..." }], "tencent": [{ "id": "...", "secret": "..." }] }
 * --storage: upload addresses point at this emulator's OSS/COS stand-ins (see EmulatorOptions.storage).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type KeyPair, startEmulator } from '@app/emulator';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4000' },
      host: { type: 'string', default: '127.0.0.1' },
      'keys-file': { type: 'string' },
      storage: { type: 'boolean', default: false },
    },
  });
  type Keys = { aliyun?: KeyPair[]; tencent?: KeyPair[] };
  const keys = values['keys-file'] ? (JSON.parse(readFileSync(values['keys-file'], 'utf8')) as Keys) : {};
  const emulator = await startEmulator({
    port: Number(values.port),
    host: values.host,
    aliyunKeys: keys.aliyun,
    tencentKeys: keys.tencent,
    storage: values.storage,
  });
  process.stdout.write(`cloud emulator listening on ${emulator.url}\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
