import { randomBytes } from 'node:crypto';
import type { EmulatorResponse } from '../core/provider';
import { xmlDocument } from '../storage/xml';

export const OSS_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export const ossRequestId = () => randomBytes(12).toString('hex').toUpperCase();

/** Extra elements of an error (OSSAccessKeyId, StringToSign, ServerTime…) and its EC code. */
export type ErrorDetails = Record<string, string> & { ec?: string };

/**
 * An OSS error answer (OSS doc "Error responses"; the 0002-00000040 sample): Code, Message,
 * RequestId, HostId, per-code elements, EC and RecommendDoc. ali-oss turns it into err.code,
 * err.status, err.requestId, err.ecCode. HEAD answers have no body, so OSS repeats the document
 * base64-encoded in x-oss-err (ali-oss decodes it); it is sent on every error here.
 */
export function ossError(status: number, code: string, message: string, host: string, details: ErrorDetails = {}): EmulatorResponse {
  const requestId = ossRequestId();
  const { ec, ...elements } = details;
  const body = xmlDocument(
    'Error',
    {
      Code: code,
      Message: message,
      RequestId: requestId,
      HostId: host,
      ...elements,
      ...(ec ? { EC: ec, RecommendDoc: `https://api.aliyun.com/troubleshoot?q=${ec}` } : {}),
    },
    OSS_XML_DECLARATION,
  );
  return {
    status,
    headers: {
      'content-type': 'application/xml',
      'x-oss-request-id': requestId,
      'x-oss-err': Buffer.from(body).toString('base64'),
      ...(ec ? { 'x-oss-ec': ec } : {}),
    },
    body,
  };
}

/** The errors more than one place answers, worded as OSS words them. */
export const OSS_ERRORS = {
  accessDenied: (host: string) =>
    ossError(403, 'AccessDenied', 'You have no right to access this object because of bucket acl.', host, { ec: '0003-00000001' }),
  noSuchUpload: (host: string) =>
    ossError(
      404,
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      host,
    ),
  malformedXml: (host: string) =>
    ossError(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.', host),
  invalidDigest: (host: string) => ossError(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.', host),
};
