import { ICE_MEDIA_NOT_FOUND } from './aliyun.facts';
import type { CallContext, OperationHandler } from './aliyun-service';
import { AliyunFault } from './errors';
import { iceMediaInfo } from './media-answers';
import type { AliyunMediaCatalog } from './media-catalog';

/**
 * ICE's GetMediaInfo and DeleteMediaInfos of the media CreateUploadMedia made. GetMediaInfo documents no code
 * for an unknown MediaId: IMS's common ResourceNotFound (404) is answered (ICE_MEDIA_NOT_FOUND).
 */
export function iceMediaOperations(catalog: AliyunMediaCatalog): Record<string, OperationHandler> {
  function getMediaInfo({ accessKeyId, params }: CallContext) {
    const mediaId = params.optional('MediaId');
    const inputUrl = params.optional('InputURL');
    if (mediaId === undefined && inputUrl === undefined) throw AliyunFault.missing('MediaId');
    const media =
      mediaId !== undefined ? catalog.find('aliyun-ims', mediaId, accessKeyId) : catalog.findByUrl('aliyun-ims', inputUrl!, accessKeyId);
    if (!media) throw new AliyunFault(ICE_MEDIA_NOT_FOUND.status, ICE_MEDIA_NOT_FOUND.code, ICE_MEDIA_NOT_FOUND.message);
    return { MediaInfo: iceMediaInfo(media, media.target.region) };
  }

  /**
   * MediaIds or InputURLs, comma-separated; what it cannot find goes to IgnoredList (the answer is 200).
   * Without DeletePhysicalFiles=true only the asset goes: the stored object stays.
   */
  function deleteMediaInfos({ accessKeyId, params }: CallContext) {
    const ids = params.optional('MediaIds');
    const urls = params.optional('InputURLs');
    if (ids === undefined && urls === undefined) throw AliyunFault.missing('MediaIds');
    const physical = params.optional('DeletePhysicalFiles');
    if (physical !== undefined && physical !== 'true' && physical !== 'false') throw AliyunFault.invalid('DeletePhysicalFiles');
    const names = [...split(ids), ...split(urls)];
    const ignored = names.filter((name) => {
      const media = catalog.find('aliyun-ims', name, accessKeyId) ?? catalog.findByUrl('aliyun-ims', name, accessKeyId);
      return !(media && catalog.remove('aliyun-ims', media.id, accessKeyId, undefined, physical === 'true'));
    });
    return { IgnoredList: ignored, ForbiddenList: [] };
  }

  return { GetMediaInfo: getMediaInfo, DeleteMediaInfos: deleteMediaInfos };
}

const split = (value: string | undefined) => (value ?? '').split(',').filter((item) => item.length > 0);
