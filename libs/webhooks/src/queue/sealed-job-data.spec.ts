import { testCipher, testEncryptionKey, testEvent } from '../testing/delivery-queue-test-helpers';
import { SealedJobData, UnreadableJobError } from './sealed-job-data';

describe(SealedJobData.name, () => {
  const sut = new SealedJobData(testCipher(), 'webhooks');
  const job = testEvent();
  const { uploadId, userId } = (JSON.parse(job.body) as { data: { uploadId: string; userId: string } }).data;

  it('keeps the body only sealed, and opens it for the same job', () => {
    const data = sut.seal(job);
    expect(Object.keys(data).sort()).toEqual(['queuedAt', 'sealed']);
    expect(JSON.stringify(data)).not.toContain(uploadId);
    expect(JSON.stringify(data)).not.toContain(userId);
    expect(sut.open(job.id, job.type, data)).toBe(job.body);
    expect(sut.isClear(data)).toBe(false);
  });

  it('refuses a body moved to another job, another type or another queue', () => {
    const data = sut.seal(job);
    expect(() => sut.open(testEvent().id, job.type, data)).toThrow(UnreadableJobError);
    expect(() => sut.open(job.id, 'upload.failed', data)).toThrow(UnreadableJobError);
    const verifications = new SealedJobData(testCipher(), 'verifications');
    expect(() => verifications.open(job.id, job.type, data)).toThrow(UnreadableJobError);
  });

  it('refuses a tampered body', () => {
    const parts = sut.seal(job).sealed!.split('.');
    parts[3] = Buffer.from('{"type":"upload.completed"}').toString('base64url');
    expect(() => sut.open(job.id, job.type, { sealed: parts.join('.'), queuedAt: job.queuedAt })).toThrow(UnreadableJobError);
  });

  it('opens bodies sealed before a key rotation while the old key is among the previous ones', () => {
    const [current, previous] = [testEncryptionKey(), testEncryptionKey()];
    const before = new SealedJobData(testCipher(previous), 'webhooks').seal(job);
    expect(new SealedJobData(testCipher(current, previous), 'webhooks').open(job.id, job.type, before)).toBe(job.body);
    expect(() => new SealedJobData(testCipher(current), 'webhooks').open(job.id, job.type, before)).toThrow(UnreadableJobError);
  });

  it('reads a body queued in clear by an older version (no sealed envelope), and says it is clear', () => {
    const legacy = { body: job.body, queuedAt: job.queuedAt };
    expect(sut.open(job.id, job.type, legacy)).toBe(job.body);
    expect(sut.isClear(legacy)).toBe(true);
    expect(() => sut.open(job.id, job.type, { queuedAt: job.queuedAt })).toThrow(UnreadableJobError);
  });
});
