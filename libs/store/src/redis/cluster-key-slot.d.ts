// cluster-key-slot ships with ioredis (it is how ioredis routes commands) but has no types.
declare module 'cluster-key-slot' {
  function calculateSlot(key: string | Buffer): number;
  export = calculateSlot;
}
