/**
 * KEYS[1]: the counter. ARGV: limit, ttlMs. Reply: allowed (1/0), used.
 * The TTL is set only when the counter has none (it was just created), so a daily quota resets
 * when the caller said, however many reservations come later.
 */
export const RESERVE_QUOTA_SCRIPT = `
local used = tonumber(redis.call('GET', KEYS[1])) or 0
if used >= tonumber(ARGV[1]) then
  return { 0, used }
end
used = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return { 1, used }
`;

/**
 * KEYS[1]: the counter. Decrements above zero only; an expired counter stays absent, and the last unit
 * given back removes it (a request that issued nothing leaves nothing behind).
 */
export const RELEASE_QUOTA_SCRIPT = `
local used = tonumber(redis.call('GET', KEYS[1])) or 0
if used > 1 then
  redis.call('DECR', KEYS[1])
elseif used == 1 then
  redis.call('DEL', KEYS[1])
end
return 0
`;
