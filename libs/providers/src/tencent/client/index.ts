// Tencent Cloud VOD (2018-07-17): the client, its operations, and the client-upload signer, for this provider's kinds.
export type { TencentOperation } from './operations/tencent-operation';
export * from './operations/media.operations';
export * from './operations/vod.operations';
export * from './tencent.client';
export { tencentErrors } from './tencent.errors';
export * from './tencent.problems';
export { vodTransport } from './tencent.transport';
export * from './tencent-upload-signer';
export { signUploadSignature, type UploadSignatureFields, uploadSignatureOriginal } from './upload-signature';
