export * from './upload-client';
export type { components, operations, paths } from './generated/schema';
