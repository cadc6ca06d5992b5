import { setTimeout as sleep } from 'node:timers/promises';

/** What one callback delivery came to: the receiver's status per attempt (0 for a network failure). */
export interface Delivery {
  url: string;
  statuses: number[];
}

export interface SendOptions {
  /** Alibaba: "Up to 3 attempts in total, retried every 1 s" (aliyun-vod-ice.md §5). */
  attempts: number;
  retryDelayMs: number;
  /** VOD: "Timeout 5 s". */
  timeoutMs: number;
}

/** POSTs a JSON callback as the clouds do: only HTTP 200 counts, anything else is retried a few times. */
export async function sendCallback(
  url: string,
  headers: () => Record<string, string>,
  body: unknown,
  options: SendOptions,
): Promise<Delivery> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < options.attempts; attempt++) {
    if (attempt > 0) await sleep(options.retryDelayMs);
    const status = await fetch(url, {
      method: 'POST',
      // Each attempt is signed anew, as a provider stamps each send with its own time.
      headers: { 'content-type': 'application/json', ...headers() },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'manual',
    }).then(
      async (response) => {
        await response.body?.cancel();
        return response.status;
      },
      () => 0,
    );
    statuses.push(status);
    if (status === 200) break;
  }
  return { url, statuses };
}
