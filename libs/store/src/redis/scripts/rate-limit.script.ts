import { GCRA_TOLERANCE_MS, GCRA_TOLERANCE_SHARE } from '../../algorithms/gcra';

/**
 * GCRA across every rule, all-or-nothing; the twin of algorithms/gcra.ts.
 * KEYS: one theoretical-arrival-time key per rule. ARGV: cost, then limit and periodMs per rule.
 * Reply: allowed (1/0), retryAfterMs, then remaining and resetMs per rule.
 * Time comes from the server (TIME) so that replicas with skewed clocks share one timeline;
 * Redis 7 replicates the script's writes, not the script, so TIME is safe here.
 */
export const RATE_LIMIT_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local cost = tonumber(ARGV[1])
local allowed = true
local retry = 0
local intervals, tolerances, current, spent = {}, {}, {}, {}
for i, key in ipairs(KEYS) do
  local limit, period = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  intervals[i] = period / limit
  tolerances[i] = math.min(${GCRA_TOLERANCE_MS}, intervals[i] * ${GCRA_TOLERANCE_SHARE})
  local tat = tonumber(redis.call('GET', key))
  current[i] = tat and math.max(tat - now, 0) or 0
  spent[i] = current[i] + intervals[i] * cost
  local wait = spent[i] - period
  if wait > tolerances[i] then
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
  local remaining = math.floor((period - ahead + tolerances[i]) / intervals[i])
  reply[#reply + 1] = math.min(limit, math.max(0, remaining))
  reply[#reply + 1] = math.max(0, math.ceil(ahead - tolerances[i]))
end
return reply
`;
