import type { OpenApiExamples } from '@app/common';
import { TencentVodProcessingDto } from './tencent-vod-processing.dto';

/** A client upload signature: the body is optional; the server sets everything but these choices. */
export class CreateTencentVodUploadSignatureDto extends TencentVodProcessingDto {}

export const CREATE_TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLES = {
  defaults: {
    summary: "No choices: the deployment's task flow and category (sending no body at all is the same)",
    value: {},
  },
  withProcedure: {
    summary: 'An allowed task flow and category, and a context for its callback',
    value: { procedure: 'transcode-hd', classId: 0, sessionContext: 'campaign=spring' },
  },
} satisfies OpenApiExamples<CreateTencentVodUploadSignatureDto>;
