export * from './upload-client.js';
export type { components, operations, paths } from './generated/schema.js';
