import type { UploadCompletion } from '../core/upload-completion';
import { EmulatedStorage } from './emulated-storage';

const COMPLETION: UploadCompletion = {
  provider: 'tencent-vod',
  via: 'commit-upload',
  mediaId: '5285890784418605123',
  size: 1,
  fileUrl: 'http://x/f0.mp4',
  completedAt: new Date(0),
};

describe(EmulatedStorage.name, () => {
  it('points upload addresses at itself only when uploads go to the emulator', () => {
    const enabled = new EmulatedStorage({ enabled: true });
    const disabled = new EmulatedStorage();
    enabled.origin = disabled.origin = 'http://127.0.0.1:4000';
    expect(enabled.ossEndpoint('cn-beijing')).toBe('http://127.0.0.1:4000');
    expect(disabled.ossEndpoint('cn-beijing')).toBe('https://oss-cn-beijing.aliyuncs.com');
    expect(enabled.endpoints()).toEqual({
      oss: { endpoint: 'http://127.0.0.1:4000' },
      cos: { domain: 'http://127.0.0.1:4000' },
      vodUgc: { origin: 'http://127.0.0.1:4000' },
    });
    expect(disabled.endpoints()).toBeUndefined();
  });

  it('tells the hook of a completion, and survives a hook that throws or rejects', async () => {
    const seen: UploadCompletion[] = [];
    const hooks: ((completion: UploadCompletion) => void)[] = [
      (completion: UploadCompletion) => void seen.push(completion),
      () => {
        throw new Error('boom');
      },
      () => Promise.reject(new Error('boom')),
    ];
    for (const onUploadCompleted of hooks) new EmulatedStorage({ onUploadCompleted }).completed(COMPLETION);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([COMPLETION]);
  });

  it('sets the credential lifetime and expires every key through its control routes', async () => {
    const sut = new EmulatedStorage();
    const routes = sut.controls();
    const control = async (action: string, body: unknown) => routes.find((route) => route.action === action)!.handle(body);
    const key = sut.keys.issueCos({ bucket: 'b', objects: ['k'] }, 60);

    expect(await control('credential-lifetime', { seconds: 5 })).toEqual({ status: 204, body: null });
    expect(sut.keys.lifetimeSeconds(3000)).toBe(5);
    expect((await control('credential-lifetime', { seconds: 0 })).status).toBe(400);
    expect((await control('credential-lifetime', '5')).status).toBe(400);
    expect((await control('credential-lifetime', { seconds: null })).status).toBe(204);
    expect(sut.keys.lifetimeSeconds(3000)).toBe(3000);
    expect(await control('credentials/expire', {})).toEqual({ status: 200, body: { expired: 1 } });
    expect(sut.keys.isExpired(key)).toBe(true);
  });
});
