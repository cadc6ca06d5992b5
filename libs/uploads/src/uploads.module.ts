import { Global, Module } from '@nestjs/common';
import { ProviderEvents } from './events/provider-events';
import { UploadRecords } from './records/upload-records';
import { UploadRecordsRepository } from './records/upload-records.repository';

/** The upload lifecycle every provider writes to: the records, and the application of provider events. */
@Global()
@Module({ providers: [UploadRecords, UploadRecordsRepository, ProviderEvents], exports: [UploadRecords, ProviderEvents] })
export class UploadsModule {}
