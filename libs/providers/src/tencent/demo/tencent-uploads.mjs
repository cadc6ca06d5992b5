// Tencent Cloud VOD on the sandbox's demo page, with Tencent's two browser SDKs. Each upload function
// is what a web app writes; docs/integration/web.md quotes them. Only the parts marked "sandbox only"
// exist because the files go to the emulator instead of Tencent.
/* global COS, TcVod -- cos-js-sdk-v5's and vod-js-sdk-v6's browser builds, loaded before this module */

const { register, extensionOf, baseNameOf } = window.UploadDemo;

const PART_SIZE = 1024 * 1024; // cos-js-sdk-v5 uploads a file larger than this in parts (of 1 MB by default).

// ---------------------------------------------------------------------------------------------
// Server-side ApplyUpload: this service applies, cos-js-sdk-v5 uploads with the temporary key (its
// field names differ from Tencent's answer), this service commits.

async function uploadWithCos(file, { api, onProgress, sandbox }) {
  const applied = await api(
    'POST',
    '/v1/uploads/tencent-vod/media',
    { mediaType: extensionOf(file), mediaName: baseNameOf(file) },
    { idempotencyKey: crypto.randomUUID() },
  );
  const key = applied.tempCertificate;
  const cos = new COS({
    getAuthorization: (_options, callback) =>
      callback({
        TmpSecretId: key.secretId,
        TmpSecretKey: key.secretKey,
        SecurityToken: key.token,
        StartTime: Math.floor(Date.now() / 1000),
        ExpiredTime: key.expiredTime,
      }),
    ...sandboxCosOptions(sandbox), // sandbox only
  });
  await new Promise((resolve, reject) =>
    cos.uploadFile(
      {
        Bucket: applied.storageBucket,
        Region: applied.storageRegion,
        Key: applied.mediaStoragePath,
        Body: file,
        SliceSize: PART_SIZE,
        onProgress: (progress) => onProgress(progress.percent),
      },
      (error, data) => (error ? reject(new Error(error.message || error.code || 'COS upload failed')) : resolve(data)),
    ),
  );
  await api('POST', `/v1/uploads/tencent-vod/media/${encodeURIComponent(applied.uploadId)}/commit`);
  return applied.uploadId;
}

// ---------------------------------------------------------------------------------------------
// Client signature: vod-js-sdk-v6 asks for a signature before each of its steps (prepare, apply,
// commit, retries); the first answer opens an upload session, later ones name it with `uploadId`,
// so every signature belongs to the same upload.

async function uploadWithVodSdk(file, { api, onProgress }) {
  let uploadId;
  const vod = new TcVod.default({
    getSignature: async () => {
      const answer = await api('POST', '/v1/uploads/tencent-vod/signatures', uploadId ? { uploadId } : {});
      uploadId = answer.uploadId;
      return answer.signature;
    },
    allowReport: false, // otherwise it posts telemetry to Tencent
  });
  const uploader = vod.upload({ mediaFile: file });
  uploader.on('media_progress', (info) => onProgress(info.percent));
  await uploader.done();
  return uploadId;
}

// ---------------------------------------------------------------------------------------------
// Sandbox only: point the SDKs at the emulator. GET /v1/sandbox (the page's `sandbox`) says where it listens.

function sandboxCosOptions(sandbox) {
  return sandbox ? { Domain: sandbox.cos.domain, Protocol: 'http:' } : {};
}

/**
 * vod-js-sdk-v6 has Tencent's API origin built in (https://vod2.qcloud.com, with vod2.dnsv1.com as
 * its backup) and uploads to <bucket>.cos.<region>.myqcloud.com: both are rewritten to the
 * emulator. Its COS signature does not cover the host, so the rewritten requests still verify.
 */
function pointVodSdkAtSandbox(sandbox) {
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const target = String(url)
      .replace(/^https:\/\/(vod2\.qcloud\.com|vod2\.dnsv1\.com)\//, `${sandbox.vodUgc.origin}/`)
      .replace(/^https?:\/\/[^/]+\.cos\.[a-z0-9-]+\.myqcloud\.com\//, `${sandbox.cos.domain}/`);
    return open.call(this, method, target, ...rest);
  };
}

// ---------------------------------------------------------------------------------------------
// What the page offers, under Tencent Cloud VOD.

register('tencent-vod-media', { label: 'server-side apply, cos-js-sdk-v5, commit', upload: uploadWithCos });

let pointedAtSandbox = false;
register('tencent-vod-signature', {
  label: 'client signature (vod-js-sdk-v6)',
  upload: (file, context) => {
    if (context.sandbox && !pointedAtSandbox) {
      pointVodSdkAtSandbox(context.sandbox); // once: the rewrite wraps XMLHttpRequest for the page's lifetime
      pointedAtSandbox = true;
    }
    return uploadWithVodSdk(file, context);
  },
});
