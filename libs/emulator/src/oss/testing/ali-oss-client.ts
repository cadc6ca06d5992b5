import OSS from 'ali-oss';

export const decodeBase64Json = (value: unknown) =>
  JSON.parse(Buffer.from(String(value), 'base64').toString('utf8')) as Record<string, string>;

/**
 * ali-oss configured from a create answer as Alibaba documents it for uploads without its upload
 * SDK: decode UploadAddress and UploadAuth, then endpoint, bucket, region and the STS triple.
 */
/** Options ali-oss takes that its type declarations leave out. */
export type OssExtraOptions = Partial<OSS.Options> & { sldEnable?: boolean };

export function ossClientFor(uploadAddress: unknown, uploadAuth: unknown, extra: OssExtraOptions = {}): OSS {
  const address = decodeBase64Json(uploadAddress);
  const auth = decodeBase64Json(uploadAuth);
  const credentials = { accessKeyId: auth.AccessKeyId, accessKeySecret: auth.AccessKeySecret, stsToken: auth.SecurityToken };
  return new OSS({
    endpoint: address.Endpoint,
    bucket: address.Bucket,
    region: `oss-${auth.Region}`,
    ...credentials,
    // Refreshing is the app's job (on SecurityTokenExpired); this only silences ali-oss's warning.
    refreshSTSToken: async () => credentials,
    refreshSTSTokenInterval: 3_600_000,
    ...extra,
  });
}

/** ListParts without options: @types/ali-oss marks every query field required, ali-oss needs none. */
export const NO_LIST_OPTIONS = {} as OSS.ListPartsQuery;
