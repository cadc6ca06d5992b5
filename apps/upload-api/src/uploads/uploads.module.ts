import { Module } from '@nestjs/common';
import { UploadsController } from './uploads.controller';

/** The owner's routes over the upload records (@app/uploads keeps them): list, read, revoke. */
@Module({ controllers: [UploadsController] })
export class UploadRoutesModule {}
