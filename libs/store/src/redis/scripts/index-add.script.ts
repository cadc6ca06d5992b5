/**
 * KEYS[1]: a sorted set. ARGV[1]: the member, ARGV[2]: its score, ARGV[3]: the set's TTL in ms.
 * Adds (or re-scores) the member and pushes the set's expiry out, so an index lives as long as its
 * newest entry.
 */
export const INDEX_ADD_SCRIPT = `
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;
