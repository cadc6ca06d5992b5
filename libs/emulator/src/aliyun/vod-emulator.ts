import {
  ALIYUN,
  VOD_API_VERSION,
  VOD_ATTACHED_MEDIA,
  VOD_ATTACHED_MEDIA_BUSINESS_TYPES,
  VOD_ATTACHED_MEDIA_EXTENSIONS,
  VOD_IMAGE,
  VOD_IMAGE_EXTENSIONS,
  VOD_IMAGE_TYPES,
  VOD_VIDEO,
  VOD_VIDEO_FILE_EXTENSIONS,
  type VodAttachedMediaBusinessType,
} from './aliyun.facts';
import { fileExtension } from '@app/common';
import type { ProviderEmulator } from '../core/provider';
import { aliyunService, type CallContext } from './aliyun-service';
import { AliyunFault, newMediaId } from './errors';
import type { AliyunGateway } from './gateway';
import type { AliyunMediaCatalog } from './media-catalog';
import { checkExtension, checkInteger, checkOneOf, checkTags, checkText, checkUrl } from './param-checks';
import { checkCommon } from './shared-checks';
import type { UploadEvents } from '../events/upload-events';
import type { EmulatedStorage } from '../storage/emulated-storage';
import { objectUrl, sourceObjectKey, storageTarget, type UploadGrant, uploadAddress, uploadAuth } from './upload-credentials';
import { vodMediaOperations } from './vod-media-operations';

const HOST = 'vod.aliyuncs.com';
const RESOURCE_ID = /^[0-9a-f]{32}$/;
/** The built-in "No Transcoding" template group (seed CreateUploadVideo, TemplateGroupId note). */
const NO_TRANSCODE = 'VOD_NO_TRANSCODE';
/** The SDK model also lists webp; the emulator accepts what the provider may accept. */
const IMAGE_EXTENSIONS = [...VOD_IMAGE_EXTENSIONS, 'webp'];

interface VideoRecord {
  accessKeyId: string;
  uploadAddress: string;
  grant: UploadGrant;
}

/**
 * VOD 2017-03-21: CreateUploadVideo, RefreshUploadVideo, CreateUploadImage, CreateUploadAttachedMedia, and
 * the lookups and deletes of what they made (vod-media-operations), which the catalog keeps.
 */
export function vodEmulator(
  gateway: AliyunGateway,
  storage: EmulatedStorage,
  catalog: AliyunMediaCatalog,
  events?: UploadEvents,
  region?: string,
): ProviderEmulator {
  const videos = new Map<string, VideoRecord>();
  /** ReferenceId is unique per account ("This ID must be unique for each user", seed). */
  const references = new Map<string, string>();

  function createUploadVideo({ accessKeyId, params }: CallContext) {
    const title = params.required('Title');
    const fileName = params.required('FileName');
    checkText('Title', title, { maxChars: VOD_VIDEO.TITLE_MAX_CHARS });
    checkText('FileName', fileName, {});
    checkExtension('FileName', fileName, VOD_VIDEO_FILE_EXTENSIONS);
    checkInteger('FileSize', params.optional('FileSize'));
    checkText('Description', params.optional('Description'), { maxChars: VOD_VIDEO.DESCRIPTION_MAX_CHARS, allowLineBreaks: true });
    checkTags('Tags', params.optional('Tags'), VOD_VIDEO.TAGS_MAX, { maxChars: VOD_VIDEO.TAG_MAX_CHARS });
    checkUrl('CoverURL', params.optional('CoverURL'));
    checkInteger('CateId', params.optional('CateId'));
    const templateGroupId = params.optional('TemplateGroupId');
    if (templateGroupId !== undefined && templateGroupId !== NO_TRANSCODE && !RESOURCE_ID.test(templateGroupId)) {
      throw new AliyunFault(404, 'InvalidTemplateGroupId.NotFound', 'The specified template group does not exist.');
    }
    const workflowId = params.optional('WorkflowId');
    if (workflowId !== undefined && !RESOURCE_ID.test(workflowId)) throw AliyunFault.invalid('WorkflowId');
    const referenceId = params.optional('ReferenceId');
    if (referenceId !== undefined && !ALIYUN.REFERENCE_ID_PATTERN.test(referenceId)) throw AliyunFault.invalid('ReferenceId');
    checkCommon(params);

    // A repeated ReferenceId: the docs only say it is unique per user. Assumed here: the same
    // VideoId comes back with a fresh credential (the same as a refresh), never a second video.
    const referenceKey = referenceId === undefined ? undefined : `${accessKeyId}:${referenceId}`;
    const existing = referenceKey === undefined ? undefined : references.get(referenceKey);
    if (existing !== undefined) {
      const video = videos.get(existing)!;
      return { VideoId: existing, UploadAddress: video.uploadAddress, UploadAuth: uploadAuth(storage, video.grant) };
    }
    const target = storageTarget(params.optional('StorageLocation'), accessKeyId, region);
    const videoId = newMediaId();
    const objectKey = sourceObjectKey(fileExtension(fileName)!);
    const grant: UploadGrant = {
      target,
      objectKey,
      upload: {
        provider: 'aliyun-vod',
        mediaKind: 'video',
        mediaId: videoId,
        fileUrl: objectUrl(target, objectKey),
        userData: params.optional('UserData'),
      },
    };
    const record = { accessKeyId, grant, uploadAddress: uploadAddress(storage, grant) };
    videos.set(videoId, record);
    catalog.add({
      product: 'aliyun-vod',
      kind: 'video',
      id: videoId,
      accessKeyId,
      target,
      objectKey,
      fileUrl: grant.upload.fileUrl,
      title,
    });
    events?.aliyunMediaIssued('aliyun-vod', 'video', videoId, grant.upload.fileUrl, params.optional('UserData'));
    if (referenceKey !== undefined) references.set(referenceKey, videoId);
    return { VideoId: videoId, UploadAddress: record.uploadAddress, UploadAuth: uploadAuth(storage, grant) };
  }

  /** Only videos this account created; the same UploadAddress, a fresh UploadAuth (upload-credentials doc). */
  function refreshUploadVideo({ accessKeyId, params }: CallContext) {
    const videoId = params.required('VideoId');
    const video = videos.get(videoId);
    if (!video || video.accessKeyId !== accessKeyId) throw new AliyunFault(404, 'InvalidVideo.NotFound', 'The video not exist.');
    return { VideoId: videoId, UploadAddress: video.uploadAddress, UploadAuth: uploadAuth(storage, video.grant) };
  }

  function createUploadImage({ accessKeyId, params }: CallContext) {
    const imageType = params.required('ImageType');
    checkOneOf('ImageType', imageType, VOD_IMAGE_TYPES);
    const ext = params.optional('ImageExt') ?? 'png';
    checkOneOf('ImageExt', ext, IMAGE_EXTENSIONS);
    checkText('Title', params.optional('Title'), { maxBytes: VOD_IMAGE.TITLE_MAX_BYTES });
    checkText('Description', params.optional('Description'), { maxBytes: VOD_IMAGE.DESCRIPTION_MAX_BYTES, allowLineBreaks: true });
    checkTags('Tags', params.optional('Tags'), VOD_IMAGE.TAGS_MAX, { maxBytes: VOD_IMAGE.TAG_MAX_BYTES });
    checkInteger('CateId', params.optional('CateId'));
    checkText('OriginalFileName', params.optional('OriginalFileName'), {});
    checkExtension('OriginalFileName', params.optional('OriginalFileName'), IMAGE_EXTENSIONS);
    checkCommon(params);
    const target = storageTarget(params.optional('StorageLocation'), accessKeyId, region);
    const imageId = newMediaId();
    const objectKey = `image/${imageType}/${imageId.toUpperCase()}-6-2.${ext}`;
    const url = objectUrl(target, objectKey);
    const title = params.optional('Title');
    catalog.add({
      product: 'aliyun-vod',
      kind: 'image',
      id: imageId,
      accessKeyId,
      target,
      objectKey,
      fileUrl: url,
      title,
      type: imageType,
    });
    events?.aliyunMediaIssued('aliyun-vod', 'image', imageId, url, params.optional('UserData'));
    const grant: UploadGrant = {
      target,
      objectKey,
      upload: { provider: 'aliyun-vod', mediaKind: 'image', mediaId: imageId, fileUrl: url, userData: params.optional('UserData') },
    };
    return {
      ImageId: imageId,
      ImageURL: url,
      FileURL: url,
      UploadAddress: uploadAddress(storage, grant),
      UploadAuth: uploadAuth(storage, grant),
    };
  }

  function createUploadAttachedMedia({ accessKeyId, params }: CallContext) {
    const businessType = params.required('BusinessType') as VodAttachedMediaBusinessType;
    checkOneOf('BusinessType', businessType, VOD_ATTACHED_MEDIA_BUSINESS_TYPES);
    const extensions = VOD_ATTACHED_MEDIA_EXTENSIONS[businessType];
    const mediaExt = params.optional('MediaExt');
    checkOneOf('MediaExt', mediaExt, extensions);
    checkText('FileName', params.optional('FileName'), {});
    checkExtension('FileName', params.optional('FileName'), extensions);
    checkInteger('FileSize', params.optional('FileSize'));
    checkText('Title', params.optional('Title'), { maxBytes: VOD_ATTACHED_MEDIA.TITLE_MAX_BYTES });
    checkText('Description', params.optional('Description'), { maxBytes: VOD_ATTACHED_MEDIA.DESCRIPTION_MAX_BYTES, allowLineBreaks: true });
    checkTags('Tags', params.optional('Tags'), VOD_ATTACHED_MEDIA.TAGS_MAX, { maxBytes: VOD_ATTACHED_MEDIA.TAG_MAX_BYTES });
    const cateIds = params.optional('CateIds')?.split(',');
    if (cateIds && cateIds.length > VOD_ATTACHED_MEDIA.CATE_IDS_MAX) throw AliyunFault.invalid('CateIds');
    cateIds?.forEach((id) => checkInteger('CateIds', id));
    checkCommon(params);
    const target = storageTarget(params.optional('StorageLocation'), accessKeyId, region);
    const mediaId = newMediaId();
    const ext = mediaExt ?? fileExtension(params.optional('FileName') ?? '') ?? extensions[0];
    const objectKey = `${businessType}/${mediaId}.${ext}`;
    const url = objectUrl(target, objectKey);
    const attached = { product: 'aliyun-vod', kind: 'attached-media', id: mediaId, accessKeyId, target, objectKey, fileUrl: url } as const;
    catalog.add({ ...attached, title: params.optional('Title'), type: businessType });
    events?.aliyunMediaIssued('aliyun-vod', 'attached-media', mediaId, url, params.optional('UserData'));
    const grant: UploadGrant = {
      target,
      objectKey,
      upload: { provider: 'aliyun-vod', mediaKind: 'attached-media', mediaId, fileUrl: url, userData: params.optional('UserData') },
    };
    return {
      MediaId: mediaId,
      MediaURL: url,
      FileURL: url,
      UploadAddress: uploadAddress(storage, grant),
      UploadAuth: uploadAuth(storage, grant),
    };
  }

  const service = aliyunService('aliyun-vod', VOD_API_VERSION, HOST, gateway, {
    CreateUploadVideo: createUploadVideo,
    RefreshUploadVideo: refreshUploadVideo,
    CreateUploadImage: createUploadImage,
    CreateUploadAttachedMedia: createUploadAttachedMedia,
    ...vodMediaOperations(catalog),
  });
  // The catalog serves both products: its control route comes with VOD's emulator, once.
  return { ...service, controls: () => catalog.controls() };
}
