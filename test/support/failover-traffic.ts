import { randomUUID } from 'node:crypto';
import { setTimeout as pace } from 'node:timers/promises';
import type { TestApp } from './test-app';

export type Route = 'create' | 'sign' | 'get';

export interface Answer {
  route: Route;
  sentAt: number;
  answeredAt: number;
  /** The HTTP status, or `hang` when nothing came back within the patience. */
  status: number | 'hang';
  /** The create's Idempotency-Key. */
  key?: string;
}

export interface KeyedCreate {
  user: string;
  /** The upload id of the first 201; a later one must be the same. */
  uploadId?: string;
  acknowledgedAt?: number;
  /** Two 201s for this key named different uploads. */
  conflicting?: string;
}

const VIDEO = { title: 'Kept across a failover', fileName: 'clip.mp4' };
export const SIGNING_USER = 'signer';

/**
 * What many clients do at a steady rate: a create with an Idempotency-Key (retried with the same key
 * until it is acknowledged, as a client does after a 503), a Tencent signature, and a GET of an
 * acknowledged upload, every `periodMs`. Nothing is awaited between ticks: a slow answer does not slow the rate.
 */
export class FailoverTraffic {
  readonly answers: Answer[] = [];
  readonly creates = new Map<string, KeyedCreate>();
  readonly inFlight = new Set<Promise<void>>();
  private readonly creating = new Set<string>();
  private running = false;
  private loop: Promise<void> | undefined;
  private count = 0;

  constructor(
    private readonly sut: TestApp,
    /** A request unanswered this long is a hang. */
    private readonly patienceMs: number,
  ) {}

  start(periodMs: number): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        this.tick();
        await pace(periodMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await Promise.all([...this.inFlight]);
  }

  /** In flight now, by route. */
  pending(route: Route): number {
    return [...this.inFlight].filter((call) => (call as Promise<void> & { route?: Route }).route === route).length;
  }

  acknowledged(): [string, Required<Pick<KeyedCreate, 'user' | 'uploadId' | 'acknowledgedAt'>>][] {
    return [...this.creates].filter(([, create]) => create.uploadId !== undefined) as never;
  }

  /** Sends the create of `key` once more (a client's retry); its answer is recorded like any other. */
  create(key: string): Promise<number | 'hang'> {
    return this.send('create', key);
  }

  private tick(): void {
    this.count += 1;
    const retry = [...this.creates].find(([key, create]) => create.uploadId === undefined && !this.creating.has(key));
    const key = retry?.[0] ?? randomUUID();
    if (!retry) this.creates.set(key, { user: `user-${this.count % 20}` });
    void this.send('create', key);
    void this.send('sign');
    void this.send('get');
  }

  private send(route: Route, key?: string): Promise<number | 'hang'> {
    const request = this.request(route, key);
    if (!request) return Promise.resolve(0);
    if (key) this.creating.add(key);
    const sentAt = Date.now();
    let status: number | 'hang' = 'hang';
    const call = (async () => {
      try {
        const response = await fetch(request.url, { ...request.init, signal: AbortSignal.timeout(this.patienceMs) });
        status = response.status;
        const body = (await response.json()) as { uploadId?: string };
        if (key && status === 201) this.acknowledge(key, body.uploadId ?? '');
      } catch {
        status = 'hang';
      } finally {
        if (key) this.creating.delete(key);
        this.answers.push({ route, sentAt, answeredAt: Date.now(), status, key });
      }
    })();
    const tracked = Object.assign(call, { route });
    this.inFlight.add(tracked);
    void call.finally(() => this.inFlight.delete(tracked));
    return call.then(() => status);
  }

  private acknowledge(key: string, uploadId: string): void {
    const create = this.creates.get(key)!;
    if (create.uploadId === undefined) Object.assign(create, { uploadId, acknowledgedAt: Date.now() });
    else if (create.uploadId !== uploadId) create.conflicting = uploadId;
  }

  private request(route: Route, key?: string): { url: string; init: RequestInit } | undefined {
    const { sut } = this;
    const json = (user: string, body: unknown, headers: Record<string, string> = {}) => ({
      method: 'POST',
      headers: { ...sut.bearer(user), 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    switch (route) {
      case 'create': {
        const { user } = this.creates.get(key!)!;
        return { url: `${sut.url}/v1/uploads/aliyun-vod/videos`, init: json(user, VIDEO, { 'idempotency-key': key! }) };
      }
      case 'sign':
        return { url: `${sut.url}/v1/uploads/tencent-vod/signatures`, init: { method: 'POST', headers: sut.bearer(SIGNING_USER) } };
      case 'get': {
        const known = this.acknowledged();
        if (known.length === 0) return undefined;
        const [, { user, uploadId }] = known[this.count % known.length];
        return { url: `${sut.url}/v1/uploads/${uploadId}`, init: { headers: sut.bearer(user) } };
      }
    }
  }
}
