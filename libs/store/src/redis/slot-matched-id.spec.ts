import calculateSlot from 'cluster-key-slot';
import { clusterSlot, idInSlotOf } from './slot-matched-id';

describe(idInSlotOf.name, () => {
  const randomId = () => `upl_${Buffer.from(Array.from({ length: 16 }, () => Math.floor(Math.random() * 256))).toString('base64url')}`;

  it('computes the slot as Redis Cluster does (ioredis cluster-key-slot), hash tags included', () => {
    for (const key of ['upload:{upl_abc}', 'uploads:{Zx9_-}', 'plain-key', 'a{}b', 'ünïcode:{ü}', randomId()]) {
      expect(clusterSlot(key)).toBe(calculateSlot(key));
    }
  });

  it('puts the id in the slot of any key, changing only its last three characters', () => {
    for (let i = 0; i < 500; i++) {
      const id = randomId();
      const owner = `uploads:{${randomId().slice(4)}}`;
      const matched = idInSlotOf(id, owner);
      expect(matched).toMatch(/^upl_[A-Za-z0-9_-]{22}$/);
      expect(matched.slice(0, -3)).toBe(id.slice(0, -3));
      expect(calculateSlot(`upload:{${matched}}`)).toBe(calculateSlot(owner));
    }
  });

  it('refuses an id it cannot place', () => {
    expect(() => idInSlotOf('abc', 'x')).toThrow(RangeError);
    expect(() => idInSlotOf('upl_{abc}def', 'x')).toThrow(RangeError);
  });
});
