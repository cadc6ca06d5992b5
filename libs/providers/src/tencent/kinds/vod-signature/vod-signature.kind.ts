import { validationProblem } from '@app/common';
import type { KindSpec } from '@app/registry';
import { created, defineKind, UPLOAD_PROBLEMS } from '@app/uploads';
import { TENCENT_VOD } from '../../tencent.products';
import { TENCENT_VOD_PROBLEMS } from '../../vod/tencent-vod.problems';
import {
  CREATE_TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLES,
  CreateTencentVodUploadSignatureDto,
} from './dto/create-tencent-vod-upload-signature.dto';
import { TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLE, TencentVodUploadSignatureDto } from './dto/tencent-vod-upload-signature.dto';
import { UploadSignatureService } from './upload-signature.service';

/** vod-js-sdk-v6 asks for a signature before each of its three calls (more on retries): a session, three times the limits. */
const SIGNATURE: KindSpec = {
  id: 'tencent-vod-signature',
  product: TENCENT_VOD,
  permission: 'upload:video',
  quota: 50,
  callsUpstream: false,
  rateLimitFactor: 3,
  session: true,
};

/** A client upload signature (no API call): a new upload, or the next signature of one. */
export const VOD_SIGNATURE = defineKind({
  spec: SIGNATURE,
  issuer: UploadSignatureService,
  issue: (signatures, { user, body }) => signatures.create(SIGNATURE, user, body),
  route: {
    path: 'tencent-vod/signatures',
    // The next signature of an open upload costs no quota unit; the service refuses an uploadId that is not one.
    quotaExempt: (body) => typeof (body as { uploadId?: unknown } | undefined)?.uploadId === 'string',
    // That upload's region serves it, wherever its owner is now: the service judges the user's region for a new one.
    uploadInBody: true,
    invalid: validationProblem('the request body `{"uploadId":"upl_x"}`', [
      { field: 'uploadId', message: 'uploadId must be an uploadId this service issued' },
    ]),
    problems: [UPLOAD_PROBLEMS.notFound, UPLOAD_PROBLEMS.completed, TENCENT_VOD_PROBLEMS.signaturesUsedUp, UPLOAD_PROBLEMS.revoked],
    operationId: 'createTencentVodUploadSignature',
    summary: 'A client upload signature for vod-js-sdk-v6 (getSignature) and TXUGCPublish. The body is optional.',
    description:
      'Without `uploadId`: a new upload (one daily-quota unit) and its first signature. With the `uploadId` of that answer: ' +
      'the next signature of the same upload, free, up to TENCENTCLOUD_VOD_SIGNATURES_PER_UPLOAD. An `Idempotency-Key` is ' +
      'ignored here: a one-time signature must never be handed out twice.',
    body: { type: CreateTencentVodUploadSignatureDto, examples: CREATE_TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLES, required: false },
    answer: created(TencentVodUploadSignatureDto, 'Hand `signature` to the upload SDK.', TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLE),
  },
});
