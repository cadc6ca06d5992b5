import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One delivery as the sink received it. */
export interface SinkDelivery {
  receivedAt: string;
  webhookId: string;
  /** The signature verified with the sandbox secret (standardwebhooks). */
  verified: boolean;
  /** The parsed body; null when it was not valid JSON. */
  event: unknown;
}

const KEPT = 100;
const MAX_BODY_BYTES = 64 * 1024;

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}

/**
 * The sandbox's stand-in for an app backend: a loopback HTTP endpoint that verifies each delivery
 * as a real receiver would (standardwebhooks, the sandbox secret) and keeps the last 100 for
 * GET /v1/sandbox/webhooks. Answers 204, or 400 to a delivery whose signature does not verify.
 */
export class WebhookSink {
  private readonly received: SinkDelivery[] = [];
  private readonly server: Server;
  private readonly verifier: Webhook;
  private port = 0;

  private constructor(secret: string) {
    this.verifier = new Webhook(secret);
    this.server = createServer((request, response) => {
      void readBody(request).then((body) => response.writeHead(this.receive(request, body) ? 204 : 400).end());
    });
  }

  static async start(secret: string): Promise<WebhookSink> {
    const sink = new WebhookSink(secret);
    sink.server.listen(0, '127.0.0.1');
    await once(sink.server, 'listening');
    sink.port = (sink.server.address() as AddressInfo).port;
    return sink;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/webhooks`;
  }

  /** Newest first. */
  deliveries(): SinkDelivery[] {
    return [...this.received].reverse();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Verifies and keeps one delivery; true when its signature verified. */
  private receive(request: IncomingMessage, body: string | undefined): boolean {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value ?? '')]));
    let verified: boolean;
    try {
      this.verifier.verify(body ?? '', headers);
      verified = body !== undefined;
    } catch {
      verified = false;
    }
    this.received.push({
      receivedAt: new Date().toISOString(),
      webhookId: headers['webhook-id'] ?? '',
      verified,
      event: parse(body ?? ''),
    });
    if (this.received.length > KEPT) this.received.shift();
    return verified;
  }
}
