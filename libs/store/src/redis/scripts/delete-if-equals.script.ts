/** KEYS[1]: the key. ARGV[1]: the value we wrote. Reply: 1 when deleted, else 0. */
export const DELETE_IF_EQUALS_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;
