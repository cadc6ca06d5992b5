import { Global, Module } from '@nestjs/common';
import { UploadRecords } from './upload-records';
import { UploadRecordsRepository } from './upload-records.repository';
import { UploadsController } from './uploads.controller';

/** Upload records: what every provider's feature writes, what the owner reads and revokes. */
@Global()
@Module({ controllers: [UploadsController], providers: [UploadRecords, UploadRecordsRepository], exports: [UploadRecords] })
export class UploadsModule {}
