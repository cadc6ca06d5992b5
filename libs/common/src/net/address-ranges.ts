import { BlockList, isIP } from 'node:net';

/** Why an address is not a public internet address; `undefined` when it is one. */
export type NonPublicRange = 'metadata' | 'loopback' | 'private' | 'link-local' | 'shared' | 'unspecified' | 'multicast' | 'reserved';

/** Cloud instance metadata services (AWS IPv4/IPv6, GCP, Azure, Tencent; Alibaba's is 100.100.100.200), checked first. */
const METADATA = ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '169.254.0.23'];

const RANGES: [NonPublicRange, string, number][] = [
  ['unspecified', '0.0.0.0', 8],
  ['private', '10.0.0.0', 8],
  ['shared', '100.64.0.0', 10],
  ['loopback', '127.0.0.0', 8],
  ['link-local', '169.254.0.0', 16],
  ['private', '172.16.0.0', 12],
  ['reserved', '192.0.0.0', 24],
  ['reserved', '192.0.2.0', 24],
  ['private', '192.168.0.0', 16],
  ['reserved', '198.18.0.0', 15],
  ['reserved', '198.51.100.0', 24],
  ['reserved', '203.0.113.0', 24],
  ['multicast', '224.0.0.0', 4],
  ['reserved', '240.0.0.0', 4],
  ['unspecified', '::', 128],
  ['loopback', '::1', 128],
  ['private', 'fc00::', 7],
  ['link-local', 'fe80::', 10],
  ['multicast', 'ff00::', 8],
  ['reserved', '2001:db8::', 32],
];

const lists = new Map<NonPublicRange, BlockList>();
for (const [range, network, prefix] of RANGES) {
  const list = lists.get(range) ?? new BlockList();
  list.addSubnet(network, prefix, network.includes(':') ? 'ipv6' : 'ipv4');
  lists.set(range, list);
}
const metadata = new BlockList();
for (const address of METADATA) metadata.addAddress(address, address.includes(':') ? 'ipv6' : 'ipv4');

/** NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits; that address decides. */
function nat64Embedded(address: string): string | undefined {
  const match = /^64:ff9b::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!match) return undefined;
  const high = parseInt(match[1], 16);
  const low = parseInt(match[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * The non-public range an IP address falls in (IPv4-mapped IPv6 addresses count as their IPv4
 * address), or undefined for a public address. Used to keep outbound calls away from internal
 * services (SSRF). Anything that is not an IP address is 'reserved'.
 */
export function nonPublicRange(address: string): NonPublicRange | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return 'reserved';
  const embedded = family === 6 ? nat64Embedded(bare) : undefined;
  if (embedded) return nonPublicRange(embedded);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (metadata.check(bare, type)) return 'metadata';
  for (const [range, list] of lists) if (list.check(bare, type)) return range;
  return undefined;
}
