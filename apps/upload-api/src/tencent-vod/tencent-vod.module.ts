import { Module } from '@nestjs/common';
import { TencentModule } from '@app/tencent';
import { ApplyUploadService } from './apply-upload.service';
import { CommitUploadService } from './commit-upload.service';
import { TencentVodUploadRepository } from './tencent-vod-upload.repository';
import { TencentVodController } from './tencent-vod.controller';
import { UploadSignatureService } from './upload-signature.service';

/** Tencent Cloud VOD: ApplyUpload + CommitUpload, client upload signatures. */
@Module({
  imports: [TencentModule],
  controllers: [TencentVodController],
  providers: [ApplyUploadService, CommitUploadService, UploadSignatureService, TencentVodUploadRepository],
})
export class TencentVodModule {}
