import type { MediaVerifier } from './media-verifier';
import { MediaVerifiers } from './media-verifiers';

const verifier = (...products: string[]): MediaVerifier => ({
  products,
  lookup: async () => ({ state: 'unknown' }),
  remove: async () => undefined,
  limits: () => ({}),
});

describe(MediaVerifiers.name, () => {
  it('finds the verifier of each product its providers answer for, and none for another', () => {
    const [vod, other] = [verifier('acme-vod', 'acme-ims'), verifier('other')];
    const sut = MediaVerifiers.of([vod, other]);
    expect([sut.for('acme-vod'), sut.for('acme-ims'), sut.for('other'), sut.for('unknown')]).toEqual([vod, vod, other, undefined]);
  });
});
