import type { EmulatorRequest, EmulatorResponse } from '../core/provider';
import type { MultipartRefusal, ObjectStore, StoredObject } from '../storage/object-store';
import { contentMd5Matches, headerValue } from '../storage/request-parts';
import { parseCompleteMultipartUpload, xmlDocument } from '../storage/xml';
import { OSS_ERRORS, OSS_XML_DECLARATION, ossError } from './oss-errors';
import type { ObjectTarget } from './oss-signature';

/** What an operation works on: the authenticated request, its object, the bucket store. */
export interface OssCall {
  request: EmulatorRequest;
  target: ObjectTarget;
  store: ObjectStore;
  host: string;
  /** The object's public URL (Location of CompleteMultipartUpload). */
  objectUrl: string;
  /** Told when an object is complete (PutObject, CompleteMultipartUpload). */
  onCreated(object: StoredObject): void;
}

const xml = (root: string, content: Record<string, unknown>, headers: Record<string, string> = {}): EmulatorResponse => ({
  status: 200,
  headers: { 'content-type': 'application/xml', ...headers },
  body: xmlDocument(root, content, OSS_XML_DECLARATION),
});

const contentType = (call: OssCall) => headerValue(call.request, 'content-type') ?? 'application/octet-stream';

// CRC64 is not computed (x-oss-hash-crc64ecma 0): ali-oss does not check it unless asked to.
const written = (object: StoredObject): EmulatorResponse => ({
  status: 200,
  headers: { etag: object.etag, 'x-oss-hash-crc64ecma': '0' },
  body: null,
});

function refusal(code: MultipartRefusal, host: string): EmulatorResponse {
  switch (code) {
    case 'NoSuchUpload':
      return OSS_ERRORS.noSuchUpload(host);
    case 'InvalidPartNumber':
      return ossError(400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive.', host);
    case 'InvalidPartOrder':
      return ossError(
        400,
        'InvalidPartOrder',
        'The list of parts was not in ascending order. Parts list must specified in order by part number.',
        host,
      );
    case 'InvalidPart':
      return ossError(
        400,
        'InvalidPart',
        "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.",
        host,
      );
    case 'EntityTooSmall':
      return ossError(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size.', host);
  }
}

/** The operations ali-oss uses for put and multipartUpload (OSS API reference), plus reading the object back. */
export const OSS_OPERATIONS: Record<string, (call: OssCall) => EmulatorResponse> = {
  PutObject(call) {
    if (!contentMd5Matches(call.request, call.request.rawBody)) return OSS_ERRORS.invalidDigest(call.host);
    const object = call.store.put(call.target.bucket, call.target.key, call.request.rawBody, contentType(call));
    call.onCreated(object);
    return written(object);
  },

  InitiateMultipartUpload(call) {
    const upload = call.store.initiate(call.target.bucket, call.target.key, contentType(call));
    return xml('InitiateMultipartUploadResult', { Bucket: upload.bucket, Key: upload.key, UploadId: upload.uploadId });
  },

  UploadPart(call) {
    const upload = call.store.upload(call.request.query.get('uploadId'), call.target.bucket, call.target.key);
    if (!upload) return OSS_ERRORS.noSuchUpload(call.host);
    if (!contentMd5Matches(call.request, call.request.rawBody)) return OSS_ERRORS.invalidDigest(call.host);
    const part = call.store.uploadPart(upload, Number(call.request.query.get('partNumber')), call.request.rawBody);
    return typeof part === 'string' ? refusal(part, call.host) : written(part);
  },

  ListParts(call) {
    const upload = call.store.upload(call.request.query.get('uploadId'), call.target.bucket, call.target.key);
    if (!upload) return OSS_ERRORS.noSuchUpload(call.host);
    const marker = Number(call.request.query.get('part-number-marker') ?? 0) || 0;
    const max = Math.min(Number(call.request.query.get('max-parts') ?? 1000) || 1000, 1000);
    const numbers = [...upload.parts.keys()].sort((a, b) => a - b).filter((number) => number > marker);
    const page = numbers.slice(0, max);
    return xml('ListPartsResult', {
      Bucket: upload.bucket,
      Key: upload.key,
      UploadId: upload.uploadId,
      PartNumberMarker: marker,
      NextPartNumberMarker: page.at(-1) ?? marker,
      MaxParts: max,
      IsTruncated: numbers.length > page.length,
      Part: page.map((number) => {
        const part = upload.parts.get(number)!;
        const { etag, lastModified, data } = part;
        return { PartNumber: number, LastModified: lastModified.toISOString(), ETag: etag, HashCrc64ecma: 0, Size: data.length };
      }),
    });
  },

  CompleteMultipartUpload(call) {
    const upload = call.store.upload(call.request.query.get('uploadId'), call.target.bucket, call.target.key);
    if (!upload) return OSS_ERRORS.noSuchUpload(call.host);
    if (!contentMd5Matches(call.request, call.request.rawBody)) return OSS_ERRORS.invalidDigest(call.host);
    const listed = parseCompleteMultipartUpload(call.request.rawBody);
    if (!listed) return OSS_ERRORS.malformedXml(call.host);
    const object = call.store.complete(upload, listed);
    if (typeof object === 'string') return refusal(object, call.host);
    call.onCreated(object);
    const { bucket, key } = call.target;
    return xml(
      'CompleteMultipartUploadResult',
      { Location: call.objectUrl, Bucket: bucket, Key: key, ETag: object.etag },
      { etag: object.etag },
    );
  },

  AbortMultipartUpload(call) {
    const upload = call.store.upload(call.request.query.get('uploadId'), call.target.bucket, call.target.key);
    if (!upload) return OSS_ERRORS.noSuchUpload(call.host);
    call.store.abort(upload);
    return { status: 204, body: null };
  },

  GetObject: (call) => readObject(call, true),
  HeadObject: (call) => readObject(call, false),
};

function readObject(call: OssCall, withBody: boolean): EmulatorResponse {
  const object = call.store.get(call.target.bucket, call.target.key);
  if (!object) return ossError(404, 'NoSuchKey', 'The specified key does not exist.', call.host);
  return {
    status: 200,
    headers: {
      etag: object.etag,
      'content-type': object.contentType,
      'content-length': String(object.data.length),
      'last-modified': object.lastModified.toUTCString(),
    },
    body: withBody ? object.data : null,
  };
}
