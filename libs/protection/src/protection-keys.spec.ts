import calculateSlot from 'cluster-key-slot';
import { ProtectionKeys } from './protection-keys';

describe('ProtectionKeys', () => {
  it('puts both rate-limit keys of a request in one Redis Cluster slot', () => {
    const user = ProtectionKeys.rateLimit('aliyun-vod-video', 'user', 'alice');
    const ip = ProtectionKeys.rateLimit('aliyun-vod-video', 'ip', '2001:db8::1');
    expect(calculateSlot(user)).toBe(calculateSlot(ip));
  });

  it('never writes a user id or an IP in clear, and survives ids that would break a hash tag', () => {
    const key = ProtectionKeys.quota('aliyun-vod-image', 'weird}{user', '2026-11-21');
    expect(key).not.toContain('weird');
    expect(key).toMatch(/^quota:\{[A-Za-z0-9_-]{22}\}:aliyun-vod-image:2026-11-21$/);
    expect(ProtectionKeys.rateLimit('aliyun-vod-image', 'ip', '203.0.113.7')).not.toContain('203.0.113.7');
  });
});
