import type { LookupAddress } from 'node:dns';
import type { LookupOptions } from 'node:dns';
import { BlockedAddressError, blockedLiteral, publicOnlyLookup } from './address-guard';

/** A DNS stand-in: each name's answer. */
const fakeDns =
  (answers: Record<string, LookupAddress[]>) =>
  (hostname: string, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) =>
    answers[hostname] ? callback(null, answers[hostname]) : callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), []);

function lookup(answers: Record<string, LookupAddress[]>, hostname: string, options: LookupOptions) {
  return new Promise<{ error: Error | null; address: unknown; family?: number }>((resolve) =>
    publicOnlyLookup(fakeDns(answers))(hostname, options, (error, address, family) => resolve({ error, address, family })),
  );
}

describe(publicOnlyLookup.name, () => {
  const answers: Record<string, LookupAddress[]> = {
    'hooks.example.com': [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ],
    'rebind.example.com': [
      { address: '93.184.216.34', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ],
    'internal.example.com': [{ address: '10.0.0.7', family: 4 }],
  };

  it('hands the connection the public addresses it checked, in the form asked for', async () => {
    expect(await lookup(answers, 'hooks.example.com', { all: true })).toEqual({
      error: null,
      address: answers['hooks.example.com'],
      family: undefined,
    });
    expect(await lookup(answers, 'hooks.example.com', {})).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    expect(await lookup(answers, 'hooks.example.com', { family: 6 })).toEqual({ error: null, address: '2606:2800:220:1::1', family: 6 });
  });

  it('refuses the whole name when any address is not public', async () => {
    for (const [hostname, range] of [
      ['rebind.example.com', 'metadata'],
      ['internal.example.com', 'private'],
    ]) {
      const { error } = await lookup(answers, hostname, { all: true });
      expect(error).toBeInstanceOf(BlockedAddressError);
      expect(error).toMatchObject({ range, message: expect.stringContaining('WEBHOOK_ALLOW_PRIVATE_NETWORKS=true') });
    }
  });

  it('passes DNS failures on', async () => {
    expect((await lookup(answers, 'nowhere.example.com', {})).error).toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe(blockedLiteral.name, () => {
  it('checks an IP literal host, which no lookup sees', () => {
    expect(blockedLiteral(new URL('https://127.0.0.1:8443/x'))).toBe('loopback');
    expect(blockedLiteral(new URL('https://[fd00:ec2::254]/x'))).toBe('metadata');
    expect(blockedLiteral(new URL('https://2130706433/x'))).toBe('loopback');
    expect(blockedLiteral(new URL('https://93.184.216.34/x'))).toBeUndefined();
    expect(blockedLiteral(new URL('https://localhost/x'))).toBeUndefined();
  });
});
