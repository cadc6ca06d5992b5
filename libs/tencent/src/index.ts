export * from './tencent-vod.facts';
export * from './tencent-vod.types';
export * from './tencent-vod.client';
export * from './tencent-upload-signer';
export * from './tencent.module';
export { signUploadSignature, uploadSignatureOriginal, type UploadSignatureFields } from './upload-signature';
export { vodTransport } from './vod-transport';
