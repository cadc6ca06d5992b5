// Alibaba Cloud VOD and IMS on the sandbox's demo page: ask this service for an upload credential,
// decode it, upload with ali-oss. When the credential runs out mid-upload (OSS answers
// SecurityTokenExpired, or InvalidAccessKeyId once it is long gone), refresh it and resume from the
// checkpoint. Each function is what a web app writes; docs/integration/web.md quotes them.
/* global OSS -- ali-oss's browser build, loaded before this module */

const { register, extensionOf, baseNameOf } = window.UploadDemo;

/** uploadAddress and uploadAuth are base64 of UTF-8 JSON, exactly as Alibaba returns them. */
function decodeBase64Json(value) {
  const bytes = Uint8Array.from(atob(value), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

const PART_SIZE = 1024 * 1024; // OSS takes parts of 100 KB to 5 GB; 1 MB or more suits real networks.

/** The create route and request of each Alibaba kind, and its refresh route where Alibaba has one. */
const ALIBABA_KINDS = {
  'aliyun-vod-video': {
    create: (file) => ['/v1/uploads/aliyun-vod/videos', { title: baseNameOf(file), fileName: file.name, fileSize: file.size }],
    refresh: (created) => `/v1/uploads/aliyun-vod/videos/${encodeURIComponent(created.videoId)}/refresh`,
  },
  'aliyun-vod-audio': {
    create: (file) => ['/v1/uploads/aliyun-vod/audios', { title: baseNameOf(file), fileName: file.name, fileSize: file.size }],
    refresh: (created) => `/v1/uploads/aliyun-vod/audios/${encodeURIComponent(created.videoId)}/refresh`,
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

async function uploadWithAliOss(kind, file, { api, onProgress, afterFirstPart, log }) {
  const spec = ALIBABA_KINDS[kind];
  const [route, request] = spec.create(file);
  const created = await api('POST', route, request, { idempotencyKey: crypto.randomUUID() });
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

// What the page offers, under each kind's product.
const LABELS = {
  'aliyun-vod-video': 'video (ali-oss)',
  'aliyun-vod-audio': 'audio (ali-oss)',
  'aliyun-vod-image': 'image (ali-oss)',
  'aliyun-vod-attached-media': 'watermark or subtitle (ali-oss)',
  'aliyun-ims-media': 'media (ali-oss)',
};

for (const [kind, spec] of Object.entries(ALIBABA_KINDS)) {
  register(kind, {
    label: LABELS[kind],
    refreshes: Boolean(spec.refresh),
    upload: (file, context) => uploadWithAliOss(kind, file, context),
  });
}
