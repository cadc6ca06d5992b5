// What the service knows rather than what a deployment configures: each provider's documented facts
// and the registries built on them. Imports nothing, so every other library can read it.
export * from './aliyun.facts';
export * from './records';
export * from './tencent.facts';
export * from './upload-kinds';
export * from './upstream';
export * from './webhook-events';
