import { Module } from '@nestjs/common';
import { AliyunModule } from '@app/aliyun';
import { AttachedMediaController } from './attached-media/attached-media.controller';
import { AttachedMediaService } from './attached-media/attached-media.service';
import { ImagesController } from './images/images.controller';
import { ImagesService } from './images/images.service';
import { VideosController } from './videos/videos.controller';
import { VideosService } from './videos/videos.service';

/** Alibaba Cloud VOD: videos (create, refresh), images, attached media. */
@Module({
  imports: [AliyunModule],
  controllers: [VideosController, ImagesController, AttachedMediaController],
  providers: [VideosService, ImagesService, AttachedMediaService],
})
export class AliyunVodModule {}
