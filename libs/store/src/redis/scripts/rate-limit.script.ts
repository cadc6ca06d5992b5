import { GCRA_TOLERANCE_MS } from '../../algorithms/gcra';

/**
 * GCRA across every rule, all-or-nothing; the twin of algorithms/gcra.ts.
 * KEYS: one theoretical-arrival-time key per rule. ARGV: cost, then limit and periodMs per rule.
 * Reply: allowed (1/0), retryAfterMs, then remaining and resetMs per rule.
 * Time comes from the server (TIME) so that replicas with skewed clocks share one timeline;
 * Redis 7 replicates the script's writes, not the script, so TIME is safe here.
 */
export const RATE_LIMIT_SCRIPT = `
local tolerance = ${GCRA_TOLERANCE_MS}
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local cost = tonumber(ARGV[1])
local allowed = true
local retry = 0
local current, spent = {}, {}
for i, key in ipairs(KEYS) do
  local limit, period = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  local tat = tonumber(redis.call('GET', key))
  current[i] = tat and math.max(tat - now, 0) or 0
  spent[i] = current[i] + (period / limit) * cost
  local wait = spent[i] - period
  if wait > tolerance then
    allowed = false
    retry = math.max(retry, wait)
  end
end
local reply = { allowed and 1 or 0, allowed and 0 or math.ceil(retry) }
for i, key in ipairs(KEYS) do
  local limit, period = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  local ahead = current[i]
  if allowed then
    ahead = spent[i]
    redis.call('SET', key, string.format('%.3f', now + ahead), 'PX', math.ceil(ahead))
  end
  reply[#reply + 1] = math.max(0, math.floor((period - ahead + tolerance) / (period / limit)))
  reply[#reply + 1] = math.max(0, math.ceil(ahead - tolerance))
end
return reply
`;
