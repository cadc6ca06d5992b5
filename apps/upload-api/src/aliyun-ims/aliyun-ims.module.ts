import { Module } from '@nestjs/common';
import { AliyunModule } from '@app/aliyun';
import { AliyunImsRepository } from './aliyun-ims.repository';
import { MediaController } from './media/media.controller';
import { MediaService } from './media/media.service';

/** Alibaba Cloud IMS: media (create, refresh). */
@Module({
  imports: [AliyunModule],
  controllers: [MediaController],
  providers: [MediaService, AliyunImsRepository],
})
export class AliyunImsModule {}
