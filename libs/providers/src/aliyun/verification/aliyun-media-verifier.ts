import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/config';
import type { MediaLimits, MediaVerifier, StoredMedia, UploadRecord } from '@app/uploads';
import { IMS, VOD } from '../aliyun.products';
import {
  AliyunClient,
  DELETE_ATTACHED_MEDIA,
  DELETE_IMAGE,
  DELETE_MEDIA_INFOS,
  DELETE_VIDEO,
  GET_ATTACHED_MEDIA_INFO,
  GET_IMAGE_INFO,
  GET_MEDIA_INFO,
  GET_MEZZANINE_INFO,
  GET_VIDEO_INFO,
} from '../client';
import { ALIYUN_CONFIG } from '../config/aliyun.section';
import { IMS_MEDIA } from '../kinds/ims-media/ims-media.kind';
import { VOD_ATTACHED_MEDIA } from '../kinds/vod-attached-media/vod-attached-media.kind';
import { VOD_AUDIO } from '../kinds/vod-audio/vod-audio.kind';
import { VOD_IMAGE } from '../kinds/vod-image/vod-image.kind';
import { VOD_VIDEO } from '../kinds/vod-video/vod-video.kind';
import { attachedMedia, imageMedia, imsMedia, videoBeforeArrival, videoMedia } from './stored-media';

/** How each kind's upload is looked up, removed and limited, by the provider id its record carries. */
type Shape = 'video' | 'image' | 'attached-media' | 'ims-media';

const SHAPES: Record<string, Shape> = {
  [VOD_VIDEO.spec.id]: 'video',
  // VOD stores audio as a video (CreateUploadVideo): the same operations and the same limits.
  [VOD_AUDIO.spec.id]: 'video',
  [VOD_IMAGE.spec.id]: 'image',
  [VOD_ATTACHED_MEDIA.spec.id]: 'attached-media',
  [IMS_MEDIA.spec.id]: 'ims-media',
};

/**
 * Alibaba's part of verifying uploads: VOD and IMS of the record's region asked what they store under its
 * id, asked to delete it, and the kind's limits from that region's configuration. A record without its id (the
 * create's answer never attached) has nothing at the provider to find or delete.
 */
@Injectable()
export class AliyunMediaVerifier implements MediaVerifier {
  readonly products = [VOD.id, IMS.id] as const;

  constructor(
    private readonly aliyun: AliyunClient,
    private readonly config: ConfigService,
  ) {}

  async lookup(record: UploadRecord): Promise<StoredMedia> {
    switch (shapeOf(record)) {
      case 'video': {
        if (record.videoId === undefined) return { state: 'unknown' };
        const { info: video } = await this.aliyun.call(GET_VIDEO_INFO, { videoId: record.videoId }, at(record));
        const early = videoBeforeArrival(video);
        if (early !== undefined || video === undefined) return early ?? { state: 'unknown' };
        const { info: file } = await this.aliyun.call(GET_MEZZANINE_INFO, { videoId: record.videoId }, at(record));
        return videoMedia(video, file);
      }
      case 'image':
        if (record.imageId === undefined) return { state: 'unknown' };
        return imageMedia((await this.aliyun.call(GET_IMAGE_INFO, { imageId: record.imageId }, at(record))).info);
      case 'attached-media':
        if (record.mediaId === undefined) return { state: 'unknown' };
        return attachedMedia((await this.aliyun.call(GET_ATTACHED_MEDIA_INFO, { mediaId: record.mediaId }, at(record))).info);
      case 'ims-media':
        if (record.mediaId === undefined) return { state: 'unknown' };
        return imsMedia((await this.aliyun.call(GET_MEDIA_INFO, { mediaId: record.mediaId }, at(record))).info);
    }
  }

  async remove(record: UploadRecord): Promise<void> {
    switch (shapeOf(record)) {
      case 'video':
        if (record.videoId !== undefined) await this.aliyun.call(DELETE_VIDEO, { videoId: record.videoId }, at(record));
        return;
      case 'image':
        if (record.imageId !== undefined) await this.aliyun.call(DELETE_IMAGE, { imageId: record.imageId }, at(record));
        return;
      case 'attached-media':
        if (record.mediaId !== undefined) await this.aliyun.call(DELETE_ATTACHED_MEDIA, { mediaId: record.mediaId }, at(record));
        return;
      case 'ims-media':
        if (record.mediaId !== undefined) await this.aliyun.call(DELETE_MEDIA_INFOS, { mediaId: record.mediaId }, at(record));
        return;
    }
  }

  /** From the product's settings in the upload's region; a product no longer configured there has none (its lookups fail with 501). */
  limits(record: UploadRecord): MediaLimits {
    const { vod, ims } = this.config.section(ALIYUN_CONFIG, record.region);
    switch (shapeOf(record)) {
      case 'video':
        return limits(vod?.maxVideoFileSize, vod?.maxVideoDurationSeconds);
      case 'image':
        return limits(vod?.maxImageFileSize);
      case 'attached-media':
        return limits(vod?.maxAttachedMediaFileSize);
      case 'ims-media':
        return limits(ims?.maxFileSize, ims?.maxDurationSeconds);
    }
  }
}

/** Every lookup and delete goes to the account of the upload's region profile (the default one for a record without). */
const at = (record: UploadRecord) => ({ region: record.region });

/** A record of another provider, or of a kind that makes no upload (a refresh), is a caller's mistake. */
function shapeOf(record: UploadRecord): Shape {
  const shape = SHAPES[record.kind];
  if (shape === undefined) throw new Error(`AliyunMediaVerifier has no uploads of kind ${record.kind}`);
  return shape;
}

function limits(maxSize: number | undefined, maxDurationSeconds?: number): MediaLimits {
  return {
    ...(maxSize === undefined ? {} : { maxSize }),
    ...(maxDurationSeconds === undefined ? {} : { maxDurationSeconds }),
  };
}
