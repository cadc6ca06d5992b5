/**
 * KEYS: the quota counter (or none), the entries, the indexes. ARGV[1]: 1 with a quota, else 0;
 * ARGV[2], ARGV[3]: its limit and TTL; ARGV[4]: the number of entries; then value and TTL per entry,
 * then member, score and TTL per index. Reply: {0, used} claimed, {2, i, value} entry i (1-based)
 * exists and holds value (checked first: an existing key answers before the quota does), {1, used}
 * quota used up. A refusal writes nothing. The quota counter's TTL is set only when
 * it has none, as in RESERVE_QUOTA_SCRIPT; an index's TTL is pushed out, as in INDEX_ADD_SCRIPT.
 */
export const CLAIM_SCRIPT = `
local quota = ARGV[1] == '1'
local first = quota and 2 or 1
local entries = tonumber(ARGV[4])
for i = 0, entries - 1 do
  local held = redis.call('GET', KEYS[first + i])
  if held then return { 2, i + 1, held } end
end
local used = 0
if quota then
  used = tonumber(redis.call('GET', KEYS[1])) or 0
  if used >= tonumber(ARGV[2]) then return { 1, used } end
end
for i = 0, entries - 1 do
  redis.call('SET', KEYS[first + i], ARGV[5 + 2 * i], 'PX', ARGV[6 + 2 * i])
end
local arg = 5 + 2 * entries
for k = first + entries, #KEYS do
  redis.call('ZADD', KEYS[k], ARGV[arg + 1], ARGV[arg])
  redis.call('PEXPIRE', KEYS[k], ARGV[arg + 2])
  arg = arg + 3
end
if quota then
  used = redis.call('INCR', KEYS[1])
  if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
end
return { 0, used }
`;
