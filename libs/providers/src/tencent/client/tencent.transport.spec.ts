import type { AgentOptions } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { vodTransport } from './tencent.transport';

/** Node keeps the constructor options on the agent; its types do not say so. */
const optionsOf = (agent: object) => (agent as { options: AgentOptions }).options;

describe(vodTransport.name, () => {
  const transports: ReturnType<typeof vodTransport>[] = [];
  const build = (origin: string) => {
    const transport = vodTransport(origin);
    transports.push(transport);
    return transport;
  };
  afterAll(() => transports.forEach((transport) => transport.agent.destroy()));

  it('uses a named host as it is, over a pooled keep-alive https agent', () => {
    const transport = build('https://vod.intl.tencentcloudapi.com');
    expect(transport).toMatchObject({ endpoint: 'vod.intl.tencentcloudapi.com', protocol: 'https://' });
    expect(transport.agent).toBeInstanceOf(HttpsAgent);
    expect(optionsOf(transport.agent).keepAlive).toBe(true);
    expect(optionsOf(transport.agent).lookup).toBeUndefined();
  });

  it.each([
    ['http://127.0.0.1:4010', 'vod.tencentcloudapi.com:4010', '127.0.0.1'],
    ['http://[::1]:4010', 'vod.tencentcloudapi.com:4010', '::1'],
    ['https://10.0.0.5', 'vod.tencentcloudapi.com', '10.0.0.5'],
  ])('addresses %s as %s and connects to %s', (origin, endpoint, address) => {
    const transport = build(origin);
    expect(transport.endpoint).toBe(endpoint);
    const lookup = optionsOf(transport.agent).lookup!;
    return new Promise<void>((resolve, reject) =>
      lookup('vod.tencentcloudapi.com', { all: true }, (error, addresses) => {
        if (error) return reject(error);
        expect(addresses).toEqual([expect.objectContaining({ address })]);
        resolve();
      }),
    );
  });
});
