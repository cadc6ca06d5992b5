/**
 * The bare SDK call in a loop, without the service: its own process, so the parent can read the
 * CPU time it spends per call from /proc. Driven over IPC (protocol.ts).
 */
import { LatencyRecorder } from '../metrics/latency';
import { aliyunCreateUploadVideo } from './aliyun-call';
import type { FromLoop, ToLoop } from './protocol';
import { runLoop } from './run-loop';
import { tencentApplyUpload } from './tencent-call';

const send = (message: FromLoop) => process.send!(message);

function nextMessage(): Promise<ToLoop> {
  return new Promise((resolve) => process.once('message', (message) => resolve(message as ToLoop)));
}

async function main(): Promise<void> {
  const start = await nextMessage();
  if (start.type !== 'start') throw new Error(`expected start, got ${start.type}`);
  const call =
    start.provider === 'aliyun' ? aliyunCreateUploadVideo(start.emulatorUrl, start.key) : tencentApplyUpload(start.emulatorUrl, start.key);
  const warm = await runLoop(call, start.concurrency, start.warmupMs);
  if (warm.failures > 0 && warm.calls === 0) throw new Error(`every warm-up call failed: ${warm.firstFailure}`);
  send({ type: 'warm' });
  await nextMessage();
  const latencies = new LatencyRecorder();
  const measured = await runLoop(call, start.concurrency, start.durationMs, latencies);
  send({ type: 'done', ...measured, latency: latencies.summary() });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
