export * from './core/faults';
export * from './core/provider';
export * from './emulator';
export * from './service-env';
export { EmulatorServer } from './core/emulator-server';
export { EMULATED_SUB_APP_ID, TencentVodEmulator } from './tencent';
export { signAliyunCallback } from './events/aliyun-callbacks';
export type { Completion, UploadEvents, UploadEventsOptions } from './events/upload-events';
