import { rejectionOf, sameFormat } from './arrival-policy';

describe(rejectionOf.name, () => {
  const limits = { maxSize: 100, maxDurationSeconds: 10 };

  it('passes what is within the limits and as declared, and judges nothing the provider did not report', () => {
    expect(
      rejectionOf({ state: 'stored', size: 100, durationSeconds: 10, format: 'mp4' }, limits, { size: 100, format: '.MP4' }),
    ).toBeUndefined();
    expect(rejectionOf({ state: 'stored' }, limits, { size: 5, format: 'png' })).toBeUndefined();
  });

  it('names the first rule broken, its limit and what was measured', () => {
    expect(rejectionOf({ state: 'stored', size: 101 }, limits)).toEqual({ reason: 'too_large', limit: 100, measured: 101 });
    expect(rejectionOf({ state: 'stored', durationSeconds: 10.5 }, limits)).toEqual({ reason: 'too_long', limit: 10, measured: 10.5 });
    expect(rejectionOf({ state: 'stored', size: 50 }, limits, { size: 49 })).toEqual({ reason: 'size_mismatch', limit: 49, measured: 50 });
    expect(rejectionOf({ state: 'stored', format: 'PNG' }, limits, { format: 'jpg' })).toEqual({
      reason: 'format_mismatch',
      limit: 'jpg',
      measured: 'png',
    });
  });
});

describe(sameFormat.name, () => {
  it.each([
    ['mp4', 'mov,mp4,m4a,3gp,3g2,mj2'],
    ['jpg', 'jpeg'],
    ['video/mp4', 'MP4'],
    ['.mkv', 'matroska,webm'],
  ])('%s is %s', (declared, reported) => expect(sameFormat(declared, reported)).toBe(true));

  it.each([
    ['mp4', 'png'],
    ['jpg', 'gif'],
  ])('%s is not %s', (declared, reported) => expect(sameFormat(declared, reported)).toBe(false));
});
