import { Global, Module } from '@nestjs/common';
import { ProviderEvents } from './events/provider-events';
import { UploadListing } from './records/upload-listing';
import { UploadRecords } from './records/upload-records';
import { UploadRecordsRepository } from './records/upload-records.repository';

/** The upload lifecycle every provider writes to: the records, and the application of provider events. */
@Global()
@Module({
  providers: [UploadRecords, UploadListing, UploadRecordsRepository, ProviderEvents],
  exports: [UploadRecords, UploadListing, ProviderEvents],
})
export class UploadsModule {}
