// Helpers for tests only (unit and end-to-end); never imported by code that ships.
export * from './redis-server';
export * from './sealed-records';
export * from './validate-dto';
export * from './fake-client';
export * from './rejections';
export * from './test-upload-records';
export * from './test-keys';
export * from './cli-output';
