export * from './core/faults';
export * from './core/provider';
export type { UploadCompletion, UploadCompletionHook } from './core/upload-completion';
export * from './emulator';
export * from './service-env';
export { EmulatorServer } from './core/emulator-server';
export type { EmulatedStorage, StorageEndpoints } from './storage/emulated-storage';
export { EMULATED_SUB_APP_ID, TencentVodEmulator } from './tencent';
