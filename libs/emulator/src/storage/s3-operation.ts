import type { EmulatorRequestHead } from '../core/provider';

/**
 * The S3-style operation a storage request names by its method and query (OSS and COS route alike).
 * `listUploads`: whether `GET ?uploads` (ListMultipartUploads) is emulated. Anything else is
 * 'NotEmulated', so a stand-in never answers an operation it does not check.
 */
export function s3Operation(request: EmulatorRequestHead, { listUploads }: { listUploads: boolean }): string {
  const query = request.query;
  const upload = query.has('uploadId');
  switch (request.method) {
    case 'PUT':
      return upload && query.has('partNumber') ? 'UploadPart' : upload ? 'NotEmulated' : 'PutObject';
    case 'POST':
      return query.has('uploads') ? 'InitiateMultipartUpload' : upload ? 'CompleteMultipartUpload' : 'NotEmulated';
    case 'GET':
      if (upload) return 'ListParts';
      if (query.has('uploads')) return listUploads ? 'ListMultipartUploads' : 'NotEmulated';
      return 'GetObject';
    case 'DELETE':
      return upload ? 'AbortMultipartUpload' : 'NotEmulated';
    case 'HEAD':
      return 'HeadObject';
    default:
      return 'NotEmulated';
  }
}
