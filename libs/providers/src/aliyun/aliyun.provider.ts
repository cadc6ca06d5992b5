import type { ProviderDefinition } from '@app/uploads';
import { ICE_API, IMS, VOD, VOD_API } from './aliyun.products';
import { AliyunClient } from './client';
import { ALIYUN_CONFIG } from './config/aliyun.section';
import { ALIYUN_DEMO } from './demo/aliyun.demo';
import { AliyunEventsController } from './events/aliyun-events.controller';
import { IMS_MEDIA, IMS_MEDIA_REFRESH } from './kinds/ims-media/ims-media.kind';
import { VOD_ATTACHED_MEDIA } from './kinds/vod-attached-media/vod-attached-media.kind';
import { VOD_AUDIO, VOD_AUDIO_REFRESH } from './kinds/vod-audio/vod-audio.kind';
import { VOD_IMAGE } from './kinds/vod-image/vod-image.kind';
import { VOD_VIDEO, VOD_VIDEO_REFRESH } from './kinds/vod-video/vod-video.kind';
import { AliyunMediaVerifier } from './verification/aliyun-media-verifier';

/**
 * Alibaba Cloud: ApsaraVideo VOD and Intelligent Media Services (the ICE API), which share credentials,
 * request signing and callbacks. Its kinds, in the order the API documents them.
 */
export const ALIYUN_PROVIDER: ProviderDefinition = {
  id: 'aliyun',
  config: ALIYUN_CONFIG,
  kinds: [VOD_VIDEO, VOD_VIDEO_REFRESH, VOD_AUDIO, VOD_AUDIO_REFRESH, VOD_IMAGE, VOD_ATTACHED_MEDIA, IMS_MEDIA, IMS_MEDIA_REFRESH],
  // The verifier is listed in providers too: that is how this definition's injectables are registered today.
  providers: [AliyunClient, AliyunMediaVerifier],
  receivers: [AliyunEventsController],
  verifier: AliyunMediaVerifier,
  demo: ALIYUN_DEMO,
  catalog: {
    products: [VOD, IMS],
    upstreamApis: [VOD_API, ICE_API],
    eventTypes: ['FileUploadComplete', 'ImageUploadComplete', 'AttachedMediaUploadComplete'],
    idFields: [
      {
        name: 'videoId',
        description: 'Alibaba VOD video (or audio) id',
        examples: { upload: '93ab850b4f6f54b6e91d24d81d44****', webhook: 'c3f4a0e1b2d34f5e8a7b6c5d4e3f2a1b' },
      },
      {
        name: 'imageId',
        description: 'Alibaba VOD image id',
        examples: { upload: '93ab850b4f6f4*****6e91d24d81d4', webhook: '7e1c2b3a4d5e6f708192a3b4c5d6e7f8' },
      },
      {
        name: 'mediaId',
        description: 'Alibaba VOD attached media or IMS media id',
        examples: { upload: '****20b48fb04483915d4f2cd8ac****', webhook: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' },
      },
    ],
    sample: {
      product: VOD.id,
      kind: VOD_VIDEO.spec.id,
      ids: { upload: { videoId: '93ab850b4f6f54b6e91d24d81d44****' }, webhook: { videoId: 'c3f4a0e1b2d34f5e8a7b6c5d4e3f2a1b' } },
      fileUrl: 'https://outin-example.oss-cn-shanghai.aliyuncs.com/sv/clip.mp4',
    },
  },
};
