import { sandboxBanner } from './banner';

const ORIGIN = 'http://127.0.0.1:41235';
const ENDPOINTS = { oss: { endpoint: ORIGIN }, cos: { domain: ORIGIN }, vodUgc: { origin: ORIGIN } };

describe(sandboxBanner.name, () => {
  it('names the storage stand-ins for each SDK when the emulator runs in-process', () => {
    const banner = sandboxBanner('http://127.0.0.1:3000', ['the emulator'], { token: 'token', endpoints: ENDPOINTS });
    expect(banner).toContain('GET http://127.0.0.1:3000/v1/sandbox');
    expect(banner).toContain(`ali-oss endpoint: ${ORIGIN}`);
    expect(banner).toContain(`COS SDK Domain:   ${ORIGIN}`);
    expect(banner).toContain(`send its https://vod2.qcloud.com requests to ${ORIGIN}`);
    expect(banner).toContain('http://127.0.0.1:3000/demo');
  });

  it('says nothing of storage without the emulator', () => {
    expect(sandboxBanner('http://127.0.0.1:3000', ['a generated development JWT secret'])).not.toMatch(/ali-oss|\/v1\/sandbox|\/demo/);
  });
});
