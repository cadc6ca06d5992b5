// Alibaba Cloud, as the platform registers it, and what tests and the emulator's cross-checks reach for.
export { ALIYUN_PROVIDER } from './aliyun.provider';
export { IMS, VOD } from './aliyun.products';
export * from './client';
export { ALIYUN_CONFIG } from './config/aliyun.section';
export type { AliyunConfig } from './config/aliyun.env';
export { IMS_MEDIA, IMS_MEDIA_REFRESH } from './kinds/ims-media/ims-media.kind';
export { VOD_ATTACHED_MEDIA } from './kinds/vod-attached-media/vod-attached-media.kind';
export { VOD_AUDIO, VOD_AUDIO_REFRESH } from './kinds/vod-audio/vod-audio.kind';
export { VOD_IMAGE } from './kinds/vod-image/vod-image.kind';
export { VOD_VIDEO, VOD_VIDEO_REFRESH } from './kinds/vod-video/vod-video.kind';
export { IMS_EVENT_EXAMPLE, VOD_EVENT_EXAMPLE } from './events/aliyun-event-examples';
export { AliyunMediaVerifier } from './verification/aliyun-media-verifier';
