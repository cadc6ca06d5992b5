import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signAliyunCallback } from './aliyun-callbacks';
import { UploadEvents } from './upload-events';

interface Received {
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

describe(UploadEvents.name, () => {
  let server: Server;
  let url: string;
  let received: Received[];
  let statuses: number[];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: JSON.parse(body) as Record<string, unknown> });
        response.writeHead(statuses.shift() ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    received = [];
    statuses = [];
  });

  const userData = (extend: object) => JSON.stringify({ MessageCallback: { CallbackURL: url }, Extend: extend });

  it('sends FileUploadComplete with Extend to the URL of the UserData, signed with the VOD AuthKey', async () => {
    const sut = new UploadEvents({ aliyunVodCallbackAuthKey: 'VodKey1', sending: { retryDelayMs: 1 } });
    sut.aliyunMediaIssued('aliyun-vod', 'video', 'vid-1', 'https://bucket/file.mp4', userData({ uploadId: 'upl_1' }));
    expect((await sut.aliyunUploadCompleted('aliyun-vod', 'vid-1', { size: 10 }))?.statuses).toEqual([200]);
    const [{ headers, body }] = received;
    expect(body).toMatchObject({
      EventType: 'FileUploadComplete',
      VideoId: 'vid-1',
      Status: 'success',
      Size: 10,
      FileUrl: 'https://bucket/file.mp4',
    });
    expect(JSON.parse(body.Extend as string)).toEqual({ uploadId: 'upl_1' });
    expect(headers['x-vod-signature']).toBe(signAliyunCallback(url, Number(headers['x-vod-timestamp']), 'VodKey1'));
  });

  it('retries a refused callback up to three times, as VOD does, and gives up', async () => {
    statuses = [503, 500, 502, 200];
    const sut = new UploadEvents({ sending: { retryDelayMs: 1 } });
    sut.aliyunMediaIssued('aliyun-vod', 'image', 'img-1', 'https://bucket/i.png', userData({}));
    expect((await sut.aliyunUploadCompleted('aliyun-vod', 'img-1'))?.statuses).toEqual([503, 500, 502]);
    expect(received[0].body).not.toHaveProperty('Extend');
  });

  it('sends the ICE envelope with our UserData, signed X-ICE-*', async () => {
    const sut = new UploadEvents({ aliyunImsCallbackAuthKey: 'ImsKey1' });
    sut.aliyunMediaIssued('aliyun-ims', 'ims-media', 'media-1', 'https://bucket/m.mp4', userData({ uploadId: 'upl_2' }), 'video');
    await sut.aliyunUploadCompleted('aliyun-ims', 'media-1', { success: false, size: 5 });
    const [{ headers, body }] = received;
    expect(body).toMatchObject({
      EventType: 'FileUploadComplete',
      MessageBody: { Status: 'Fail', MediaId: 'media-1', Size: '5', MediaType: 'video' },
    });
    expect(headers['x-ice-signature']).toBe(signAliyunCallback(url, Number(headers['x-ice-timestamp']), 'ImsKey1'));
  });

  it('sends nothing for media it never issued or without a callback URL', async () => {
    const sut = new UploadEvents();
    sut.aliyunMediaIssued('aliyun-vod', 'video', 'vid-2', 'https://b/f', JSON.stringify({ Extend: {} }));
    expect(await sut.aliyunUploadCompleted('aliyun-vod', 'vid-2')).toBeUndefined();
    expect(await sut.aliyunUploadCompleted('aliyun-vod', 'never')).toBeUndefined();
    expect(received).toEqual([]);
  });

  it('PUSHes NewFileUpload with the SourceContext, or queues it for PullEvents', async () => {
    const push = new UploadEvents({ tencentEventUrl: url });
    expect((await push.tencentFileUploaded('52858907842735331', 'http://v/f0.mp4', 'uploadId=upl_3'))?.statuses).toEqual([200]);
    expect(received[0].body).toMatchObject({
      EventType: 'NewFileUpload',
      FileUploadEvent: {
        FileId: '52858907842735331',
        MediaBasicInfo: { MediaUrl: 'http://v/f0.mp4', SourceInfo: { SourceContext: 'uploadId=upl_3' } },
      },
    });
    const pull = new UploadEvents();
    await pull.tencentFileUploaded('1', 'http://v/1.mp4');
    expect(pull.tencentQueue.pending).toBe(1);
  });
});
