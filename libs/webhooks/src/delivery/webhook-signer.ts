import { Webhook } from 'standardwebhooks';

/** The Standard Webhooks headers of one attempt. */
export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Signs with the `standardwebhooks` library: HMAC-SHA256 over `id.timestamp.body`, one `v1,...`
 * signature per secret (current and previous), space-separated, so a receiver holding either
 * secret verifies the delivery during a rotation.
 */
export class WebhookSigner {
  private readonly keys: Webhook[];

  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error('WebhookSigner needs at least one secret');
    this.keys = secrets.map((secret) => new Webhook(secret));
  }

  headers(id: string, body: string, at: Date): WebhookHeaders {
    return {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': this.keys.map((key) => key.sign(id, at, body)).join(' '),
    };
  }
}
