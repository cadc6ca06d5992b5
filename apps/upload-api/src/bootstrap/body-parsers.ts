import type { FastifyInstance } from 'fastify';
import { ApiError, ErrorCode, hasDuplicateKey, normaliseJsonBody } from '@app/common';

/** `fatal`: a byte sequence that is not UTF-8 is an error, not U+FFFD. A leading byte order mark is dropped. */
const utf8 = new TextDecoder('utf-8', { fatal: true });
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;

/** The body's text: UTF-8 (RFC 8259 §8.1) and nothing else, whatever the charset parameter claims. */
function decode(contentType: string | undefined, body: Buffer): string {
  const charset = CHARSET.exec(contentType ?? '')?.[1].toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the request body as JSON in UTF-8 (charset=utf-8, or no charset).');
  }
  try {
    return utf8.decode(body);
  } catch {
    throw new ApiError(400, ErrorCode.MALFORMED_JSON, 'The request body is not valid UTF-8.');
  }
}

/**
 * JSON is the only body we accept: form and text bodies are 415. An empty JSON body counts as
 * no body, so bodiless POSTs (refresh, commit) work from clients that always send the header.
 * Every parsed body is normalised once (depth, Unicode, nulls) before validation sees it.
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = decode(request.headers['content-type'], body as Buffer);
    } catch (error) {
      return done(error as Error, undefined);
    }
    if (text === '') return done(null, undefined);
    void parseJson(request, text, (error, parsed) => {
      if (error) return done(error, undefined);
      try {
        if (hasDuplicateKey(text)) throw new ApiError(400, ErrorCode.MALFORMED_JSON, 'An object in the request body names a key twice.');
        done(null, normaliseJsonBody(parsed));
      } catch (shapeError) {
        done(shapeError as Error, undefined);
      }
    });
  });
}
