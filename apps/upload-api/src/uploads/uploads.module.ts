import { Global, Module } from '@nestjs/common';
import { UploadOwnership } from './upload-ownership';

/** What every provider's feature records about the uploads it issues. */
@Global()
@Module({ providers: [UploadOwnership], exports: [UploadOwnership] })
export class UploadsModule {}
