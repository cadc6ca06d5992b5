import { createUploadClient, type CallOptions, type Problem, type UploadClientOptions } from './upload-client';

const PROBLEM: Problem = {
  type: 'urn:upload-bff:problem:not-found',
  title: 'Not found',
  status: 404,
  detail: 'No such video.',
  code: 'NOT_FOUND',
  requestId: 'req-1',
};

/** A fetch that records each request and answers `reply` (JSON), as the service would. */
function fakeFetch(reply: { status?: number; body?: unknown; contentType?: string } = {}) {
  const requests: Request[] = [];
  const fetch = jest.fn(async (request: Request) => {
    requests.push(request);
    return new Response(JSON.stringify(reply.body ?? {}), {
      status: reply.status ?? 200,
      headers: { 'content-type': reply.contentType ?? 'application/json' },
    });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

function client(options: Partial<UploadClientOptions> & Pick<UploadClientOptions, 'fetch'>) {
  return createUploadClient({ baseUrl: 'https://uploads.example.com/', getToken: () => 'token-1', ...options });
}

describe(createUploadClient.name, () => {
  it('asks the token provider before every call, so a refreshed token is used at once', async () => {
    const { fetch, requests } = fakeFetch();
    const tokens = ['first', 'second'];
    const sut = client({ fetch, getToken: async () => tokens.shift() });

    await sut.getMe();
    await sut.getMe();
    await sut.getMe();

    expect(requests.map((request) => request.headers.get('authorization'))).toEqual(['Bearer first', 'Bearer second', null]);
  });

  it('never asks for a token for the public probes and the sandbox endpoints', async () => {
    const { fetch, requests } = fakeFetch({ body: { status: 'ok' } });
    const getToken = jest.fn(() => 'token-1');
    const sut = client({ fetch, getToken });

    await sut.getLiveness();
    await sut.getReadiness();
    await sut.getSandbox();

    expect(getToken).not.toHaveBeenCalled();
    expect(requests.map((request) => [request.method, request.url, request.headers.get('authorization')])).toEqual([
      ['GET', 'https://uploads.example.com/healthz', null],
      ['GET', 'https://uploads.example.com/readyz', null],
      ['GET', 'https://uploads.example.com/v1/sandbox', null],
    ]);
  });

  it('posts a create as JSON, with the Idempotency-Key only when given', async () => {
    const { fetch, requests } = fakeFetch({ status: 201 });
    const sut = client({ fetch });

    await sut.createAliyunVodVideoUpload({ title: 'UploadTest', fileName: 'clip.mp4' }, { idempotencyKey: 'key-1' });
    await sut.createAliyunVodImageUpload({ imageType: 'default' });

    const [video, image] = requests;
    expect(video.url).toBe('https://uploads.example.com/v1/uploads/aliyun-vod/videos');
    expect(video.headers.get('content-type')).toBe('application/json');
    expect(video.headers.get('idempotency-key')).toBe('key-1');
    expect(await video.json()).toEqual({ title: 'UploadTest', fileName: 'clip.mp4' });
    expect(image.headers.has('idempotency-key')).toBe(false);
  });

  it('refreshes and commits with the id in the path, encoded, and no body', async () => {
    const { fetch, requests } = fakeFetch();
    const sut = client({ fetch });

    await sut.refreshAliyunVodVideoUpload('a/b?c');
    await sut.refreshAliyunImsMediaUpload('m1');
    await sut.commitTencentVodUpload('upl_1');

    expect(requests.map((request) => request.url)).toEqual([
      'https://uploads.example.com/v1/uploads/aliyun-vod/videos/a%2Fb%3Fc/refresh',
      'https://uploads.example.com/v1/uploads/aliyun-ims/media/m1/refresh',
      'https://uploads.example.com/v1/uploads/tencent-vod/media/upl_1/commit',
    ]);
    for (const request of requests) {
      expect(request.method).toBe('POST');
      expect(request.body).toBeNull();
      expect(request.headers.has('content-type')).toBe(false);
    }
  });

  it('asks for a Tencent signature with or without a body, never with an Idempotency-Key', async () => {
    const { fetch, requests } = fakeFetch({ status: 201 });
    const sut = client({ fetch });

    await sut.createTencentVodUploadSignature();
    await sut.createTencentVodUploadSignature({ uploadId: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A' });
    // From JavaScript, where no type stops it: the operation declares no Idempotency-Key, so none is sent.
    await sut.createTencentVodUploadSignature(undefined, { idempotencyKey: 'key-1' } as CallOptions);

    expect(requests[0].body).toBeNull();
    expect(await requests[1].json()).toEqual({ uploadId: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A' });
    expect(requests.some((request) => request.headers.has('idempotency-key'))).toBe(false);
  });

  it('lists, reads and revokes uploads', async () => {
    const { fetch, requests } = fakeFetch({ status: 200 });
    const sut = client({ fetch });

    await sut.listUploads({ status: 'uploaded', limit: 5, cursor: 'abc' });
    await sut.getUpload('upl_3q2mD4v1Qb6xY0aZ9kLw8A');
    await sut.revokeUpload('upl_3q2mD4v1Qb6xY0aZ9kLw8A');

    expect(requests.map((request) => `${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`)).toEqual([
      'GET /v1/uploads?status=uploaded&limit=5&cursor=abc',
      'GET /v1/uploads/upl_3q2mD4v1Qb6xY0aZ9kLw8A',
      'DELETE /v1/uploads/upl_3q2mD4v1Qb6xY0aZ9kLw8A',
    ]);
  });

  it('resolves an error answer into `error`, the problem, with the response beside it', async () => {
    const { fetch } = fakeFetch({ status: 404, body: PROBLEM, contentType: 'application/problem+json' });
    const sut = client({ fetch });

    const { data, error, response } = await sut.refreshAliyunVodVideoUpload('unknown');

    expect(data).toBeUndefined();
    expect(error).toEqual(PROBLEM);
    expect(response.status).toBe(404);
  });

  it('passes the abort signal on', async () => {
    const { fetch, requests } = fakeFetch();
    const controller = new AbortController();
    const sut = client({ fetch });

    await sut.getMe({ signal: controller.signal });
    controller.abort();

    expect(requests[0].signal.aborted).toBe(true);
  });

  it('is typed from the OpenAPI document (checked by `npm run typecheck`)', () => {
    const { fetch } = fakeFetch();
    const sut = client({ fetch });
    const typeChecks = async () => {
      // @ts-expect-error fileName is required
      await sut.createAliyunVodVideoUpload({ title: 'UploadTest' });
      // @ts-expect-error imageType is one of default, cover
      await sut.createAliyunVodImageUpload({ imageType: 'banner' });
      // @ts-expect-error the server owns SubAppId
      await sut.applyTencentVodUpload({ mediaType: 'mp4', subAppId: 1 });
      const { data, error } = await sut.createAliyunVodVideoUpload({ title: 'UploadTest', fileName: 'clip.mp4' });
      if (data) data.videoId satisfies string;
      if (error) error.code satisfies Problem['code'];
      // @ts-expect-error an image credential has no videoId
      void (await sut.createAliyunVodImageUpload({ imageType: 'default' })).data?.videoId;
    };
    expect(typeChecks).toBeInstanceOf(Function);
  });
});
