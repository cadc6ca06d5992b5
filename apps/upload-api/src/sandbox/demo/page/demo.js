/* global OSS, COS, TcVod */
// The demo page's glue between this service and the providers' own browser SDKs. Each upload
// function below is what a web app writes; docs/integration/web.md quotes them. Only the parts
// marked "sandbox only" exist because the files go to the emulator instead of a real cloud.
'use strict';

// ---------------------------------------------------------------------------------------------
// This service's API: a bearer token, JSON in and out, problems as application/problem+json.

const session = { token: '', sandbox: null };

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: {
      ...(session.token ? { authorization: `Bearer ${session.token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined;
  const answer = await response.json();
  if (!response.ok) {
    // Every error is a problem: `code` to switch on, `detail` to show, `errors` per field.
    const fields = (answer.errors || []).map((error) => `${error.field}: ${error.message}`).join('; ');
    throw new Error(`${answer.code}: ${answer.detail}${fields ? ` (${fields})` : ''}`);
  }
  return answer;
}

/** uploadAddress and uploadAuth are base64 of UTF-8 JSON, exactly as Alibaba returns them. */
function decodeBase64Json(value) {
  const bytes = Uint8Array.from(atob(value), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

const extensionOf = (file) => (/\.([A-Za-z0-9]+)$/.exec(file.name)?.[1] ?? '').toLowerCase();
const baseNameOf = (file) => file.name.replace(/\.[^.]*$/, '') || 'upload';

// ---------------------------------------------------------------------------------------------
// Alibaba Cloud VOD and IMS: ask this service for an upload credential, decode it, upload with
// ali-oss. When the credential runs out mid-upload (OSS answers SecurityTokenExpired, or
// InvalidAccessKeyId once it is long gone), refresh it and resume from the checkpoint.

const PART_SIZE = 1024 * 1024; // OSS takes parts of 100 KB to 5 GB; 1 MB or more suits real networks.

/** The create route and request of each Alibaba kind, and its refresh route where Alibaba has one. */
const ALIBABA_KINDS = {
  'aliyun-vod-video': {
    create: (file) => ['/v1/uploads/aliyun-vod/videos', { title: baseNameOf(file), fileName: file.name, fileSize: file.size }],
    refresh: (created) => `/v1/uploads/aliyun-vod/videos/${encodeURIComponent(created.videoId)}/refresh`,
  },
  'aliyun-vod-image': {
    create: (file) => ['/v1/uploads/aliyun-vod/images', { imageType: 'default', imageExt: extensionOf(file), originalFileName: file.name }],
  },
  'aliyun-vod-attached-media': {
    create: (file) => {
      const subtitle = ['srt', 'ass', 'stl', 'ttml', 'vtt'].includes(extensionOf(file));
      return [
        '/v1/uploads/aliyun-vod/attached-media',
        { businessType: subtitle ? 'subtitle' : 'watermark', mediaExt: extensionOf(file), fileName: file.name, fileSize: file.size },
      ];
    },
  },
  'aliyun-ims-media': {
    create: (file) => {
      const type = ['video', 'image', 'audio'].find((prefix) => file.type.startsWith(`${prefix}/`)) ?? 'video';
      return [
        '/v1/uploads/aliyun-ims/media',
        {
          fileInfo: { type, name: baseNameOf(file), ext: extensionOf(file), size: file.size },
          mediaMetaData: { title: baseNameOf(file), businessType: type === 'image' ? 'default' : 'general' },
        },
      ];
    },
    refresh: (created) => `/v1/uploads/aliyun-ims/media/${encodeURIComponent(created.mediaId)}/refresh`,
  },
};

async function uploadWithAliOss(kind, file, { onProgress, afterFirstPart }) {
  const spec = ALIBABA_KINDS[kind];
  const [route, request] = spec.create(file);
  const created = await api('POST', route, request);
  const address = decodeBase64Json(created.uploadAddress); // { Endpoint, Bucket, FileName }
  let auth = decodeBase64Json(created.uploadAuth); // { AccessKeyId, AccessKeySecret, SecurityToken, Region, Expiration }

  const client = () =>
    new OSS({
      endpoint: address.Endpoint,
      bucket: address.Bucket,
      region: `oss-${auth.Region}`,
      accessKeyId: auth.AccessKeyId,
      accessKeySecret: auth.AccessKeySecret,
      stsToken: auth.SecurityToken,
      // ali-oss asks for this on a timer; it never retries a refused request by itself (handled below).
      refreshSTSToken: async () => ({ accessKeyId: auth.AccessKeyId, accessKeySecret: auth.AccessKeySecret, stsToken: auth.SecurityToken }),
    });

  let checkpoint;
  let partsDone = 0;
  const options = {
    partSize: PART_SIZE,
    parallel: 1,
    progress: async (fraction, point) => {
      if (point) checkpoint = point;
      onProgress(fraction);
      if (point && ++partsDone === 1 && afterFirstPart) await afterFirstPart();
    },
  };
  try {
    await client().multipartUpload(address.FileName, file, options);
  } catch (error) {
    const expired = error.code === 'SecurityTokenExpired' || error.code === 'InvalidAccessKeyId';
    if (!expired || !spec.refresh || !checkpoint) throw error;
    // Same address, new keys: Alibaba's RefreshUploadVideo / RefreshUploadMedia through this service.
    const refreshed = await api('POST', spec.refresh(created));
    auth = decodeBase64Json(refreshed.uploadAuth);
    log(`credential expired (${error.code}); refreshed, resuming from part ${checkpoint.doneParts.length + 1}`);
    await client().multipartUpload(address.FileName, file, { ...options, checkpoint, progress: (fraction) => onProgress(fraction) });
  }
  return created.uploadId;
}

// ---------------------------------------------------------------------------------------------
// Tencent Cloud VOD, server-side ApplyUpload: this service applies, cos-js-sdk-v5 uploads with
// the temporary key (its field names differ from Tencent's answer), this service commits.

async function uploadWithCos(file, { onProgress }) {
  const applied = await api('POST', '/v1/uploads/tencent-vod/media', { mediaType: extensionOf(file), mediaName: baseNameOf(file) });
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
    ...sandboxCosOptions(), // sandbox only
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
// Tencent Cloud VOD, client signature: vod-js-sdk-v6 asks for a signature before each of its
// steps (prepare, apply, commit, retries); the first answer opens an upload session, later ones
// name it with `uploadId`, so every signature belongs to the same upload.

async function uploadWithVodSdk(file, { onProgress }) {
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
// Sandbox only: point the Tencent SDKs at the emulator. GET /v1/sandbox says where it listens.
// (ali-oss needs nothing: the UploadAddress Endpoint already is the emulator.)

function sandboxCosOptions() {
  return session.sandbox ? { Domain: session.sandbox.cos.domain, Protocol: 'http:' } : {};
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
// After the upload: the provider tells this service (a callback or an event), and the upload's
// status moves from issued to uploaded. An app polls GET /v1/uploads/{id} or takes its webhook.

const FINAL = new Set(['uploaded', 'failed', 'revoked']);

async function waitForFinalStatus(uploadId, { timeoutMs = 30000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = await api('GET', `/v1/uploads/${encodeURIComponent(uploadId)}`);
    show('upload-status', record.status);
    show('upload-record', JSON.stringify(record, null, 2));
    if (FINAL.has(record.status) || Date.now() > deadline) return record;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

// ---------------------------------------------------------------------------------------------
// The page.

const element = (id) => document.getElementById(id);
const show = (id, text) => (element(id).textContent = text);
const log = (line) => (element('log').textContent += `${new Date().toISOString().slice(11, 23)} ${line}\n`);

async function refreshWebhooks() {
  const response = await fetch('/demo/api/webhooks', { headers: { authorization: `Bearer ${session.token}` } });
  if (!response.ok) return;
  const { deliveries } = await response.json();
  element('webhooks').replaceChildren(
    ...deliveries.map((delivery) => {
      const item = document.createElement('li');
      item.textContent = `${delivery.type} · ${delivery.data.uploadId} · ${delivery.data.status} (signature ${delivery.verified ? 'verified' : 'NOT verified'})`;
      return item;
    }),
  );
}

async function signIn(event) {
  event.preventDefault();
  show('signed-in', '');
  try {
    const userName = element('user-name').value.trim();
    session.token = (await api('POST', '/demo/api/token', { userName })).token;
    const me = await api('GET', '/v1/me');
    show('signed-in', `Signed in as ${me.userId}.`);
    element('upload-fields').disabled = false;
    await refreshWebhooks();
  } catch (error) {
    show('signed-in', `Could not sign in: ${error.message}`);
  }
}

async function upload(event) {
  event.preventDefault();
  const kind = element('kind').value;
  const file = element('file').files[0];
  if (!file) return;
  const progress = element('progress');
  const onProgress = (fraction) => {
    progress.value = Math.round(fraction * 100);
    progress.textContent = `${progress.value} %`;
  };
  const expire = element('expire').checked;
  const afterFirstPart = expire
    ? async () => {
        const { expired } = await api('POST', '/demo/api/expire-credentials');
        log(`expired ${expired} credential(s) after the first part`);
      }
    : undefined;
  show('upload-error', '');
  show('upload-id', 'none yet');
  show('upload-status', 'none yet');
  show('upload-record', '');
  onProgress(0);
  element('upload-fields').disabled = true;
  try {
    show('upload-message', `Uploading ${file.name} (${file.size} bytes)…`);
    log(`${kind}: uploading ${file.name}, ${file.size} bytes`);
    let uploadId;
    if (kind in ALIBABA_KINDS) uploadId = await uploadWithAliOss(kind, file, { onProgress, afterFirstPart });
    else if (kind === 'tencent-vod-media') uploadId = await uploadWithCos(file, { onProgress });
    else uploadId = await uploadWithVodSdk(file, { onProgress });
    onProgress(1);
    show('upload-id', uploadId);
    show('upload-message', 'Uploaded; waiting for the provider to confirm…');
    log(`${kind}: bytes sent, upload ${uploadId}`);
    const record = await waitForFinalStatus(uploadId);
    show('upload-message', `The upload is ${record.status}.`);
    log(`${kind}: ${uploadId} is ${record.status}`);
    await refreshWebhooks();
  } catch (error) {
    show('upload-message', '');
    show('upload-error', `The upload failed: ${error.message || error.code || error}`);
    log(`${kind}: failed: ${error.message || error.code || error}`);
  } finally {
    element('upload-fields').disabled = false;
  }
}

window.addEventListener('DOMContentLoaded', async () => {
  element('sign-in').addEventListener('submit', signIn);
  element('upload').addEventListener('submit', upload);
  const response = await fetch('/v1/sandbox');
  if (response.ok) {
    session.sandbox = await response.json();
    pointVodSdkAtSandbox(session.sandbox);
  }
  document.body.dataset.ready = 'true';
  setInterval(() => session.token && refreshWebhooks(), 2000);
});
