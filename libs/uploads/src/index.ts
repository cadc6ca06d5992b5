// The upload lifecycle, for every provider: records from credential to completion, the routes that
// issue credentials (made from kind definitions), the receivers' shared parts, and the provider contract.
export * from './events/event-fields';
export * from './events/event-receipt.dto';
export * from './events/event-route.decorator';
export * from './events/provider-event';
export * from './events/provider-events';
export * from './providers/provider-definition';
export * from './providers/providers.module';
export * from './records/upload-listing';
export * from './records/upload-problems';
export * from './records/upload-record';
export * from './records/upload-records';
export * from './records/upload-records.repository';
export * from './routes/kind-controller';
export * from './routes/kind-definition';
export * from './routes/upload-route.decorator';
export * from './uploads.module';
export * from './verification/arrival-policy';
export * from './verification/media-verifier';
export * from './verification/media-verifiers';
export * from './verification/upload-completions';
export * from './verification/verification-jobs';
