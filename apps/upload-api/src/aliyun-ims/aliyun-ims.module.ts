import { Module } from '@nestjs/common';
import { AliyunModule } from '@app/aliyun';
import { MediaController } from './media/media.controller';
import { MediaService } from './media/media.service';

/** Alibaba Cloud IMS: media (create, refresh). */
@Module({
  imports: [AliyunModule],
  controllers: [MediaController],
  providers: [MediaService],
})
export class AliyunImsModule {}
