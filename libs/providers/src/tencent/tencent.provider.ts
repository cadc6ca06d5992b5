import type { ProviderDefinition } from '@app/uploads';
import { TencentClient, TencentUploadSigner } from './client';
import { TENCENT_CONFIG } from './config/tencent.section';
import { TENCENT_DEMO } from './demo/tencent.demo';
import { TencentEventPuller } from './events/tencent-event-puller';
import { TencentEventsController } from './events/tencent-events.controller';
import { VOD_COMMIT } from './kinds/vod-commit/vod-commit.kind';
import { VOD_MEDIA } from './kinds/vod-media/vod-media.kind';
import { VOD_SIGNATURE } from './kinds/vod-signature/vod-signature.kind';
import { TENCENT_VOD, TENCENT_VOD_API } from './tencent.products';
import { TencentMediaVerifier } from './verification/tencent-media-verifier';
import { TencentVodUploadRepository } from './vod/tencent-vod-upload.repository';

/**
 * Tencent Cloud VOD: ApplyUpload and CommitUpload through us, or client signatures for its SDKs; PUSH or PULL events;
 * uploads verified with DescribeMediaInfos and removed with DeleteMedia.
 */
export const TENCENT_PROVIDER: ProviderDefinition = {
  id: 'tencent',
  config: TENCENT_CONFIG,
  kinds: [VOD_MEDIA, VOD_COMMIT, VOD_SIGNATURE],
  providers: [TencentClient, TencentUploadSigner, TencentVodUploadRepository, TencentEventPuller, TencentMediaVerifier],
  receivers: [TencentEventsController],
  verifier: TencentMediaVerifier,
  demo: TENCENT_DEMO,
  catalog: {
    products: [TENCENT_VOD],
    upstreamApis: [TENCENT_VOD_API],
    eventTypes: ['NewFileUpload'],
    idFields: [
      {
        name: 'fileId',
        description: 'Tencent Cloud VOD file id',
        examples: { upload: '5285890784273533167', webhook: '24820810452266399' },
      },
    ],
  },
};
