import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { type NonPublicRange, nonPublicRange } from '@app/common';

/** The webhook target resolved to an address inside our network: refused before any byte is sent. */
export class BlockedAddressError extends Error {
  readonly code = 'WEBHOOK_ADDRESS_BLOCKED';

  constructor(readonly range: NonPublicRange) {
    super(`the webhook URL resolves to a ${range} address; set WEBHOOK_ALLOW_PRIVATE_NETWORKS=true to allow it`);
    this.name = 'BlockedAddressError';
  }
}

/** A literal IP host never goes through a lookup, so it is checked on its own. */
export function blockedLiteral(url: URL): NonPublicRange | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) === 0 ? undefined : nonPublicRange(host);
}

type Resolve = (hostname: string, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const resolveAll: Resolve = (hostname, callback) => dnsLookup(hostname, { all: true }, callback);

/**
 * A `lookup` for the connection itself: the addresses it connects to are the ones checked, so a DNS
 * answer that changes between a check and the connection (rebinding) cannot slip through. Any
 * non-public address in the answer refuses the whole name.
 */
export function publicOnlyLookup(resolve: Resolve = resolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const wanted =
        options.family === 4 || options.family === 6 ? addresses.filter((entry) => entry.family === options.family) : addresses;
      const blocked = addresses.map((entry) => nonPublicRange(entry.address)).find((range) => range !== undefined);
      if (blocked) return callback(new BlockedAddressError(blocked), '', 0);
      if (wanted.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      if (options.all) return callback(null, wanted);
      callback(null, wanted[0].address, wanted[0].family);
    });
  };
}

/** For the boot log: the non-public range the URL's host resolves to now, if any (DNS failures say nothing). */
export async function nonPublicTarget(url: URL): Promise<NonPublicRange | undefined> {
  const literal = blockedLiteral(url);
  if (literal || isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0) return literal;
  return new Promise((resolve) => {
    resolveAll(url.hostname, (error, addresses) =>
      resolve(error ? undefined : addresses.map((entry) => nonPublicRange(entry.address)).find((range) => range !== undefined)),
    );
  });
}
