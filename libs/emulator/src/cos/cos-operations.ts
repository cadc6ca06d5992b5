import type { EmulatorRequest, EmulatorResponse } from '../core/provider';
import type { MultipartRefusal, MultipartUpload, ObjectStore, StoredObject } from '../storage/object-store';
import { contentMd5Matches, headerValue } from '../storage/request-parts';
import { parseCompleteMultipartUpload, xmlDocument } from '../storage/xml';
import { COS_ERRORS, COS_XML_DECLARATION, cosError } from './cos-errors';

/** What an operation works on: the authenticated request, its bucket and object, the store. */
export interface CosCall {
  request: EmulatorRequest;
  bucket: string;
  region: string;
  key: string;
  store: ObjectStore;
  /** bucket host + path, as COS names it in errors. */
  resource: string;
}

const xml = (root: string, content: Record<string, unknown>): EmulatorResponse => ({
  status: 200,
  headers: { 'content-type': 'application/xml' },
  body: xmlDocument(root, content, COS_XML_DECLARATION),
});

/** The emulated account as COS names owners and initiators. */
const OWNER = { ID: 'qcs::cam::uin/100000000001:uin/100000000001', DisplayName: '100000000001' };

const written = (object: StoredObject): EmulatorResponse => ({ status: 200, headers: { etag: object.etag }, body: null });

function refusal(code: MultipartRefusal, resource: string): EmulatorResponse {
  switch (code) {
    case 'NoSuchUpload':
      return COS_ERRORS.noSuchUpload(resource);
    case 'InvalidPartNumber':
      return cosError(400, 'InvalidArgument', 'The partNumber is invalid.', resource);
    case 'InvalidPartOrder':
      return cosError(400, 'InvalidPartOrder', 'The list of parts was not in ascending order.', resource);
    case 'InvalidPart':
      return cosError(400, 'InvalidPart', 'One or more of the specified parts could not be found.', resource);
    case 'EntityTooSmall':
      return cosError(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', resource);
  }
}

const uploadOf = (call: CosCall): MultipartUpload | undefined =>
  call.store.upload(call.request.query.get('uploadId'), call.bucket, call.key);

/** The operations cos-*-sdk-v5 use for putObject and sliceUploadFile (COS API reference), plus reading the object back. */
export const COS_OPERATIONS: Record<string, (call: CosCall) => EmulatorResponse> = {
  PutObject(call) {
    if (!contentMd5Matches(call.request, call.request.rawBody)) return COS_ERRORS.badDigest(call.resource);
    const contentType = headerValue(call.request, 'content-type') ?? 'application/octet-stream';
    return written(call.store.put(call.bucket, call.key, call.request.rawBody, contentType));
  },

  InitiateMultipartUpload(call) {
    const upload = call.store.initiate(call.bucket, call.key, headerValue(call.request, 'content-type') ?? 'application/octet-stream');
    return xml('InitiateMultipartUploadResult', { Bucket: upload.bucket, Key: upload.key, UploadId: upload.uploadId });
  },

  /** sliceUploadFile asks this first (GET /?uploads&prefix=<key>), to resume an upload in progress. */
  ListMultipartUploads(call) {
    const prefix = call.request.query.get('prefix') ?? '';
    return xml('ListMultipartUploadsResult', {
      Bucket: call.bucket,
      KeyMarker: '',
      UploadIdMarker: '',
      NextKeyMarker: '',
      NextUploadIdMarker: '',
      MaxUploads: 1000,
      Prefix: prefix,
      IsTruncated: false,
      Upload: call.store.uploadsIn(call.bucket, prefix).map((upload) => ({
        Key: upload.key,
        UploadId: upload.uploadId,
        StorageClass: 'STANDARD',
        Initiator: OWNER,
        Owner: OWNER,
        Initiated: upload.initiated.toISOString(),
      })),
    });
  },

  UploadPart(call) {
    const upload = uploadOf(call);
    if (!upload) return COS_ERRORS.noSuchUpload(call.resource);
    if (!contentMd5Matches(call.request, call.request.rawBody)) return COS_ERRORS.badDigest(call.resource);
    const part = call.store.uploadPart(upload, Number(call.request.query.get('partNumber')), call.request.rawBody);
    return typeof part === 'string' ? refusal(part, call.resource) : written(part);
  },

  ListParts(call) {
    const upload = uploadOf(call);
    if (!upload) return COS_ERRORS.noSuchUpload(call.resource);
    const marker = Number(call.request.query.get('part-number-marker') ?? 0) || 0;
    const max = Math.min(Number(call.request.query.get('max-parts') ?? 1000) || 1000, 1000);
    const numbers = [...upload.parts.keys()].sort((a, b) => a - b).filter((number) => number > marker);
    const page = numbers.slice(0, max);
    return xml('ListPartsResult', {
      Bucket: upload.bucket,
      Key: upload.key,
      UploadId: upload.uploadId,
      Initiator: OWNER,
      Owner: OWNER,
      PartNumberMarker: marker,
      Part: page.map((number) => {
        const { etag, lastModified, data } = upload.parts.get(number)!;
        return { PartNumber: number, LastModified: lastModified.toISOString(), ETag: etag, Size: data.length };
      }),
      NextPartNumberMarker: page.at(-1) ?? marker,
      StorageClass: 'STANDARD',
      MaxParts: max,
      IsTruncated: numbers.length > page.length,
    });
  },

  CompleteMultipartUpload(call) {
    const upload = uploadOf(call);
    if (!upload) return COS_ERRORS.noSuchUpload(call.resource);
    if (!contentMd5Matches(call.request, call.request.rawBody)) return COS_ERRORS.badDigest(call.resource);
    const listed = parseCompleteMultipartUpload(call.request.rawBody);
    if (!listed) return cosError(400, 'MalformedXML', 'The XML you provided was not well-formed.', call.resource);
    const object = call.store.complete(upload, listed);
    if (typeof object === 'string') return refusal(object, call.resource);
    return xml('CompleteMultipartUploadResult', {
      Location: `${call.bucket}.cos.${call.region}.myqcloud.com/${call.key}`,
      Bucket: call.bucket,
      Key: call.key,
      ETag: object.etag,
    });
  },

  AbortMultipartUpload(call) {
    const upload = uploadOf(call);
    if (!upload) return COS_ERRORS.noSuchUpload(call.resource);
    call.store.abort(upload);
    return { status: 204, body: null };
  },

  GetObject: (call) => readObject(call, true),
  HeadObject: (call) => readObject(call, false),
};

function readObject(call: CosCall, withBody: boolean): EmulatorResponse {
  const object = call.store.get(call.bucket, call.key);
  if (!object) return cosError(404, 'NoSuchKey', 'The specified key does not exist.', call.resource);
  return {
    status: 200,
    headers: { etag: object.etag, 'content-type': object.contentType, 'content-length': String(object.data.length) },
    body: withBody ? object.data : null,
  };
}
