import { VOD_DELETE_IMAGE_TYPES, VOD_IMAGE_NOT_FOUND } from './aliyun.facts';
import type { CallContext, OperationHandler } from './aliyun-service';
import { AliyunFault } from './errors';
import { attachedMediaInfo, idList, imageInfo, mezzanineInfo, videoInfo } from './media-answers';
import type { AliyunMediaCatalog } from './media-catalog';
import { checkOneOf } from './param-checks';

const videoNotFound = () => new AliyunFault(404, 'InvalidVideo.NotFound', 'The video does not exist.');
const imageNotFound = () => new AliyunFault(VOD_IMAGE_NOT_FOUND.status, VOD_IMAGE_NOT_FOUND.code, VOD_IMAGE_NOT_FOUND.message);

/**
 * VOD's lookups and deletes of the media its create calls made: GetVideoInfo, GetMezzanineInfo,
 * GetImageInfo, GetAttachedMediaInfo, DeleteVideo, DeleteImage, DeleteAttachedMedia. Another account's
 * media does not exist for the caller.
 */
export function vodMediaOperations(catalog: AliyunMediaCatalog): Record<string, OperationHandler> {
  const video = ({ accessKeyId, params }: CallContext) => {
    const found = catalog.find('aliyun-vod', params.required('VideoId'), accessKeyId, 'video');
    if (!found) throw videoNotFound();
    return found;
  };

  /** Deletes each id it finds; the ids it does not, listed; none found: 404 (DeleteVideoResponseBody model). */
  function deleteVideo({ accessKeyId, params }: CallContext) {
    const ids = idList(params, 'VideoIds');
    const missing = ids.filter((id) => !catalog.remove('aliyun-vod', id, accessKeyId, 'video'));
    if (missing.length === ids.length) throw videoNotFound();
    return missing.length > 0 ? { NonExistVideoIds: missing } : {};
  }

  /** By ImageId or ImageURL; VideoId deletes a video's snapshots, which the emulator does not make. */
  function deleteImage({ accessKeyId, params }: CallContext) {
    const type = params.required('DeleteImageType');
    checkOneOf('DeleteImageType', type, VOD_DELETE_IMAGE_TYPES);
    if (type === 'VideoId') {
      params.required('VideoId');
      params.required('ImageType');
      return {};
    }
    const removed =
      type === 'ImageId'
        ? idList(params, 'ImageIds').filter((id) => catalog.remove('aliyun-vod', id, accessKeyId, 'image'))
        : idList(params, 'ImageURLs').filter((url) => {
            const image = catalog.findByUrl('aliyun-vod', url, accessKeyId, 'image');
            return image !== undefined && catalog.remove('aliyun-vod', image.id, accessKeyId, 'image');
          });
    if (removed.length === 0) throw imageNotFound();
    return {};
  }

  return {
    GetVideoInfo: (call) => ({ Video: videoInfo(video(call)) }),
    GetMezzanineInfo: (call) => ({ Mezzanine: mezzanineInfo(video(call)) }),
    GetImageInfo: ({ accessKeyId, params }) => {
      const image = catalog.find('aliyun-vod', params.required('ImageId'), accessKeyId, 'image');
      if (!image) throw imageNotFound();
      return { ImageInfo: imageInfo(image) };
    },
    GetAttachedMediaInfo: ({ accessKeyId, params }) => {
      const ids = idList(params, 'MediaIds');
      const found = ids.map((id) => catalog.find('aliyun-vod', id, accessKeyId, 'attached-media'));
      return {
        AttachedMediaList: found.filter((media) => media !== undefined).map(attachedMediaInfo),
        NonExistMediaIds: ids.filter((_id, index) => found[index] === undefined),
      };
    },
    DeleteVideo: deleteVideo,
    DeleteImage: deleteImage,
    DeleteAttachedMedia: ({ accessKeyId, params }) => ({
      NonExistMediaIds: idList(params, 'MediaIds').filter((id) => !catalog.remove('aliyun-vod', id, accessKeyId, 'attached-media')),
    }),
  };
}
