import { Agent, fetch } from 'undici';
import type { LookupFunction } from 'node:net';
import type { NonPublicRange } from '@app/common';
import { BlockedAddressError, blockedLiteral, publicOnlyLookup } from './address-guard';
import type { WebhookHeaders } from './webhook-signer';

/** What one attempt came to. Only `delivered` and `gone` end an event; the rest are retried. */
export type AttemptOutcome =
  | { result: 'delivered'; status: number }
  | { result: 'gone'; status: 410 }
  | { result: 'rejected'; status: number }
  | { result: 'timeout' }
  | { result: 'network-error'; code: string }
  | { result: 'blocked-address'; range: NonPublicRange }
  /** The service is shutting down: not a try, the event goes back to the queue as it was. */
  | { result: 'interrupted' };

export interface WebhookSenderOptions {
  url: string;
  timeoutMs: number;
  /** Refuse targets that resolve to loopback, private, link-local or metadata addresses. */
  publicAddressesOnly: boolean;
  /** Tests: stands in for DNS when checking addresses. */
  lookup?: LookupFunction;
}

const USER_AGENT = 'upload-credentials-bff-webhooks/1';

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 8; current = (current as { cause?: unknown }).cause) {
    chain.push(current);
    if (current instanceof AggregateError) chain.push(...(current.errors as unknown[]));
  }
  return chain;
}

/**
 * POSTs one signed body to the app's endpoint with undici: redirects are not followed (a 3xx is a
 * failed attempt), the whole attempt is bounded by the timeout, and in production the connection
 * is pinned to the addresses the guard approved.
 */
export class WebhookSender {
  private readonly agent: Agent;
  private readonly target: URL;

  constructor(private readonly options: WebhookSenderOptions) {
    this.target = new URL(options.url);
    const lookup = options.publicAddressesOnly ? (options.lookup ?? publicOnlyLookup()) : options.lookup;
    this.agent = new Agent({ connect: { timeout: options.timeoutMs, ...(lookup && { lookup }) } });
  }

  async send(headers: WebhookHeaders, body: string, shutdown?: AbortSignal): Promise<AttemptOutcome> {
    const literal = this.options.publicAddressesOnly ? blockedLiteral(this.target) : undefined;
    if (literal) return { result: 'blocked-address', range: literal };
    // Not AbortSignal.timeout(): its timer would outlive the attempt.
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException('The webhook attempt timed out.', 'TimeoutError')),
      this.options.timeoutMs,
    );
    try {
      const response = await fetch(this.target, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': USER_AGENT },
        body,
        redirect: 'manual',
        signal: shutdown ? AbortSignal.any([timeout.signal, shutdown]) : timeout.signal,
        dispatcher: this.agent,
      });
      // The answer's body means nothing to us; dropping it frees the connection at once.
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { result: 'delivered', status: response.status };
      if (response.status === 410) return { result: 'gone', status: 410 };
      return { result: 'rejected', status: response.status };
    } catch (error) {
      if (shutdown?.aborted) return { result: 'interrupted' };
      if (timeout.signal.aborted) return { result: 'timeout' };
      const chain = causes(error);
      const blocked = chain.find((cause) => cause instanceof BlockedAddressError);
      if (blocked) return { result: 'blocked-address', range: blocked.range };
      const code = chain.map((cause) => (cause as { code?: unknown }).code).find((value) => typeof value === 'string');
      // Without a code (fetch refusing a port, say), the innermost message says what happened.
      return { result: 'network-error', code: code ?? (chain.at(-1) as Error | undefined)?.message ?? 'unknown' };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the connections, cutting any attempt still running (its event stays queued and is retried). */
  close(): Promise<void> {
    return this.agent.destroy();
  }
}
