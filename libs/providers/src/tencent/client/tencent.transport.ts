import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { TENCENT_VOD_HOST } from '../tencent.facts';

/** Sockets per replica: ApplyUpload and CommitUpload allow 100 requests/s each, at tens of ms per call. */
const MAX_SOCKETS = 32;
/** Idle keep-alive sockets close before a server or middlebox drops them (a reused dead socket fails the call). */
const IDLE_SOCKET_TIMEOUT_MS = 4_000;

/** What the Tencent SDK is given: the endpoint it builds the URL from and signs, and our pooled agent. */
export interface VodTransport {
  endpoint: string;
  protocol: 'http://' | 'https://';
  agent: http.Agent;
}

/**
 * The SDK signs the host without its port and takes the signing service from the host's first
 * label, so an IP or localhost origin (the emulator) would be signed as service "127". Such an
 * origin is therefore addressed as vod.tencentcloudapi.com[:port], exactly as production is
 * signed, while the agent's lookup connects to the configured address. Named hosts go as they are.
 */
export function vodTransport(origin: string): VodTransport {
  const url = new URL(origin);
  const secure = url.protocol === 'https:';
  const address = url.hostname.replace(/^\[|\]$/g, '');
  const pinned = isIP(address) !== 0 || address === 'localhost';
  const options: http.AgentOptions = { keepAlive: true, maxSockets: MAX_SOCKETS, timeout: IDLE_SOCKET_TIMEOUT_MS };
  if (pinned) options.lookup = connectTo(address);
  return {
    endpoint: pinned ? `${TENCENT_VOD_HOST}${url.port ? `:${url.port}` : ''}` : url.host,
    protocol: secure ? 'https://' : 'http://',
    agent: secure ? new https.Agent(options) : new http.Agent(options),
  };
}

/** Resolves every host name to `address` (an IP literal resolves to itself, localhost as the system says). */
function connectTo(address: string): LookupFunction {
  return (_hostname, options, callback) => dnsLookup(address, options, callback);
}
