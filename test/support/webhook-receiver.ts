import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** A fresh Standard Webhooks secret: whsec_ and 32 random bytes. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export interface ReceivedDelivery {
  /** The request's path and query (a test may give each sender a path of its own). */
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  /** Attempt number of this webhook-id as seen here (1 for the first). */
  attempt: number;
  receivedAt: number;
  /** The status answered, once written to a connection still open (unset while pending, or when the sender went away first). */
  answered?: number;
  answeredAt?: number;
}

/** What the receiver answers to one delivery: a status, a status after a while (a slow backend), or `hang` (never answer). */
export type Behaviour = (delivery: ReceivedDelivery) => number | 'hang' | { status: number; afterMs: number };

/**
 * The app's backend as a test plays it: a real HTTP server on a loopback port that records every
 * delivery and answers as told. It can go down and come back on the same port.
 */
export class WebhookReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  /** TCP connections accepted, even ones that never sent a request. */
  connections = 0;
  behaviour: Behaviour = () => 204;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly waiters = new Set<() => void>();

  private constructor(private listeningPort: number) {}

  static async start(port = 0): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(port);
    await receiver.listen();
    return receiver;
  }

  /** Stays the same across `down()` and `listen()`. */
  get port(): number {
    return this.listeningPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** Listens again on the same port (after `down()`). */
  async listen(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    server.on('connection', (socket: Socket) => {
      this.connections += 1;
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.listen(this.listeningPort, '127.0.0.1');
    await once(server, 'listening');
    this.listeningPort = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and drops every connection, hanging requests included. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    this.hanging.clear();
    await new Promise((resolve) => server.close(resolve));
  }

  ids(): Set<string> {
    return new Set(this.deliveries.map((delivery) => delivery.id));
  }

  attemptsOf(id: string): ReceivedDelivery[] {
    return this.deliveries.filter((delivery) => delivery.id === id);
  }

  /** Verifies a delivery as a receiver would, with the standardwebhooks library; returns the parsed body. */
  static verify(delivery: ReceivedDelivery, secret: string): unknown {
    return new Webhook(secret).verify(delivery.body, {
      'webhook-id': delivery.id,
      'webhook-timestamp': delivery.timestamp,
      'webhook-signature': delivery.signature,
    });
  }

  /** Resolves once `condition` holds (checked after every delivery and every answer), or rejects after `timeoutMs`. */
  async until(condition: () => boolean, timeoutMs = 10_000, what = 'the expected deliveries'): Promise<void> {
    if (condition()) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${this.deliveries.length} deliveries`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const header = (name: string) => String(request.headers[name] ?? '');
    const id = header('webhook-id');
    const delivery: ReceivedDelivery = {
      path: request.url ?? '',
      id,
      timestamp: header('webhook-timestamp'),
      signature: header('webhook-signature'),
      body: Buffer.concat(chunks).toString('utf8'),
      attempt: this.attemptsOf(id).length + 1,
      receivedAt: Date.now(),
    };
    this.deliveries.push(delivery);
    const answer = this.behaviour(delivery);
    if (answer === 'hang') this.hanging.add(response);
    else if (typeof answer === 'number') this.answer(delivery, response, answer);
    else {
      this.hanging.add(response);
      // Not answered when the receiver went down meanwhile (down() forgets what hangs).
      setTimeout(() => {
        if (this.hanging.delete(response)) this.answer(delivery, response, answer.status);
      }, answer.afterMs);
    }
    this.notify();
  }

  private answer(delivery: ReceivedDelivery, response: ServerResponse, status: number): void {
    if (response.req.socket.destroyed) return;
    response.writeHead(status).end();
    delivery.answered = status;
    delivery.answeredAt = Date.now();
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
