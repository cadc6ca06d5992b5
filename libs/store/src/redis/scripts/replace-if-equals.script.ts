/**
 * KEYS[1]: the key. ARGV[1]: the value read before, ARGV[2]: the new value, ARGV[3]: a new TTL in ms,
 * or 0 to keep the key's TTL. Reply: 1 when replaced, 0 when the key holds something else (or nothing).
 */
export const REPLACE_IF_EQUALS_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
end
return 1
`;
