import type { TokenVerdict } from './key-verifier';
import { RememberedVerdicts } from './remembered-verdicts';
import { TOKEN_REFUSALS } from './token-refusals';

const NOW = 1_900_000_000;
const admitted = (exp = NOW + 60): TokenVerdict => ({ claims: { sub: 'alice', exp } });
const forged: TokenVerdict = { refusal: TOKEN_REFUSALS.signature };
const at = (epochMs: number) => jest.spyOn(Date, 'now').mockReturnValue(epochMs);

describe(RememberedVerdicts.name, () => {
  let sut: RememberedVerdicts;
  beforeEach(() => {
    at(NOW * 1000);
    sut = new RememberedVerdicts();
  });
  afterEach(() => jest.restoreAllMocks());

  it('recalls a refusal and an admission by the whole token', () => {
    sut.remember('a.b.c', forged);
    sut.remember('a.b.d', admitted());
    expect(sut.recall('a.b.c')).toEqual(forged);
    expect(sut.recall('a.b.d')).toEqual(admitted());
    expect(sut.recall('a.b.e')).toBeUndefined();
  });

  it('recalls an admission from when it was given until exp, and forgets it outside', () => {
    sut.remember('t', admitted());
    at((NOW + 60) * 1000 - 1);
    expect(sut.recall('t')).toEqual(admitted());
    at((NOW + 60) * 1000);
    expect(sut.recall('t')).toBeUndefined();
    at(NOW * 1000);
    sut.remember('u', admitted());
    at(NOW * 1000 - 1);
    expect(sut.recall('u')).toBeUndefined();
  });

  it('does not remember "not valid yet", an admission past exp, or a token over 2 KB', () => {
    const long = `a.b.${'x'.repeat(2048)}`;
    sut.remember('nbf', { refusal: TOKEN_REFUSALS.notYetValid });
    sut.remember('late', admitted(NOW));
    sut.remember(long, forged);
    expect([sut.recall('nbf'), sut.recall('late'), sut.recall(long)]).toEqual([undefined, undefined, undefined]);
  });

  it('forgets the least recently used admission beyond 4,096, and refusal beyond 1,024', () => {
    for (let i = 0; i < 4096; i++) sut.remember(`admitted ${i}`, admitted());
    for (let i = 0; i < 1024; i++) sut.remember(`forged ${i}`, forged);
    expect(sut.recall('admitted 0')).toEqual(admitted());
    expect(sut.recall('forged 0')).toEqual(forged);
    sut.remember('one more admitted', admitted());
    sut.remember('one more forged', forged);
    expect([sut.recall('admitted 0'), sut.recall('admitted 1')]).toEqual([admitted(), undefined]);
    expect([sut.recall('forged 0'), sut.recall('forged 1')]).toEqual([forged, undefined]);
  });

  it('keeps admissions through a flood of forged tokens', () => {
    sut.remember('alice', admitted());
    for (let i = 0; i < 10_000; i++) sut.remember(`forged ${i}`, forged);
    expect(sut.recall('alice')).toEqual(admitted());
  });
});
