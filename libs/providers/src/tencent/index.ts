// Tencent Cloud, as the platform registers it, and what tests and the emulator's cross-checks reach for.
export { TENCENT_PROVIDER } from './tencent.provider';
export { TENCENT_VOD } from './tencent.products';
export * from './client';
export { TENCENT_CONFIG, type TencentConfig } from './config/tencent.section';
export { VOD_COMMIT } from './kinds/vod-commit/vod-commit.kind';
export { VOD_MEDIA } from './kinds/vod-media/vod-media.kind';
export { VOD_SIGNATURE } from './kinds/vod-signature/vod-signature.kind';
export { TENCENT_EVENT_EXAMPLE } from './events/tencent-event-example';
export { TencentMediaVerifier } from './verification/tencent-media-verifier';
