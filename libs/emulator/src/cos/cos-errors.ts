import { randomBytes } from 'node:crypto';
import type { EmulatorResponse } from '../core/provider';
import { xmlDocument } from '../storage/xml';

export const COS_XML_DECLARATION = "<?xml version='1.0' encoding='utf-8' ?>";

export const cosRequestId = () => randomBytes(24).toString('base64url');

/** A COS error answer (COS doc 436/7730): Code, Message, Resource, RequestId, TraceId. cos-*-sdk-v5 read err.code and err.statusCode. */
export function cosError(status: number, code: string, message: string, resource: string): EmulatorResponse {
  const requestId = cosRequestId();
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-cos-request-id': requestId },
    body: xmlDocument(
      'Error',
      { Code: code, Message: message, Resource: resource, RequestId: requestId, TraceId: randomBytes(32).toString('base64') },
      COS_XML_DECLARATION,
    ),
  };
}

/** The errors more than one place answers, worded as COS words them (436/7730, 436/40105). */
export const COS_ERRORS = {
  accessDenied: (resource: string) => cosError(403, 'AccessDenied', 'Access Denied.', resource),
  expired: (resource: string) => cosError(403, 'AccessDenied', 'Request has expired', resource),
  noSuchUpload: (resource: string) => cosError(404, 'NoSuchUpload', 'The specified multipart upload does not exist.', resource),
  badDigest: (resource: string) => cosError(400, 'BadDigest', 'The Content-MD5 you specified did not match what was received.', resource),
};
