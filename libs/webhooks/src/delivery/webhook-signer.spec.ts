import { Webhook } from 'standardwebhooks';
import { WebhookSigner } from './webhook-signer';

const CURRENT = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
const PREVIOUS = `whsec_${Buffer.alloc(32, 2).toString('base64')}`;

describe(WebhookSigner.name, () => {
  const body = JSON.stringify({ type: 'upload.completed', timestamp: '2026-11-23T08:17:02.460Z', data: { uploadId: 'upl_x' } });

  it('signs id.timestamp.body once per secret, each verifiable with standardwebhooks on its own', () => {
    const now = new Date();
    const headers = new WebhookSigner([CURRENT, PREVIOUS]).headers('msg_1', body, now);
    expect(headers['webhook-id']).toBe('msg_1');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}= v1,[A-Za-z0-9+/]{43}=$/);
    for (const secret of [CURRENT, PREVIOUS]) expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(CURRENT).verify(`${body} `, { ...headers })).toThrow('No matching signature found');
  });

  it('signs each attempt for its own time', () => {
    const sut = new WebhookSigner([CURRENT]);
    const first = sut.headers('msg_1', body, new Date(1_795_000_000_000));
    const retry = sut.headers('msg_1', body, new Date(1_795_000_060_000));
    expect(retry['webhook-timestamp']).toBe('1795000060');
    expect(retry['webhook-signature']).not.toBe(first['webhook-signature']);
  });

  it('needs a secret', () => {
    expect(() => new WebhookSigner([])).toThrow('at least one secret');
  });
});
