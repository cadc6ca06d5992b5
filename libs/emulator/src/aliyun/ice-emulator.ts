import {
  ANY_EXTENSION,
  ICE_API_VERSION,
  ICE_BUSINESS_TYPES,
  ICE_EXTENSIONS,
  ICE_EXTENSIONS_BY_BUSINESS_TYPE,
  ICE_FILE_TYPES,
  ICE_MEDIA,
  ICE_MEDIA_NOT_FOUND,
  ICE_POST_PROCESS_TYPES,
  ICE_PROCESS_TYPE,
  ICE_STORAGE_TYPE,
  type IceFileType,
} from './aliyun.facts';
import type { ProviderEmulator } from '../core/provider';
import { aliyunService, type CallContext } from './aliyun-service';
import { AliyunFault, newMediaId } from './errors';
import type { AliyunGateway } from './gateway';
import { iceMediaOperations } from './ice-media-operations';
import type { AliyunMediaCatalog } from './media-catalog';
import { checkInteger, checkOneOf, checkTags, checkText, checkUrl, parseJsonObject } from './param-checks';
import { checkUserData } from './shared-checks';
import type { UploadEvents } from '../events/upload-events';
import type { EmulatedStorage } from '../storage/emulated-storage';
import {
  isStorageLocation,
  objectUrl,
  sourceObjectKey,
  storageTarget,
  type UploadGrant,
  uploadAddress,
  uploadAuth,
} from './upload-credentials';

const HOST = 'ice.aliyuncs.com';
const RESOURCE_ID = /^[0-9a-f]{32}$/;
const ENTITY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const APP_ID = /^app-[A-Za-z0-9]+$/;

interface MediaRecord {
  accessKeyId: string;
  uploadAddress: string;
  grant: UploadGrant;
}

/** A field of a JSON parameter, as a string; named `Parameter.Field` in errors. */
function field(object: Record<string, unknown>, parameter: string, name: string, required: boolean): string | undefined {
  const value = object[name];
  if (value === undefined || value === null || value === '') {
    if (required) throw AliyunFault.missing(`${parameter}.${name}`);
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number') throw AliyunFault.invalid(`${parameter}.${name}`);
  return String(value);
}

function checkFileInfo(raw: string): { type: IceFileType; ext: string } & Record<string, unknown> {
  const info = parseJsonObject('FileInfo', raw)!;
  const type = field(info, 'FileInfo', 'Type', true) as IceFileType;
  checkOneOf('FileInfo.Type', type, ICE_FILE_TYPES);
  checkText('FileInfo.Name', field(info, 'FileInfo', 'Name', true), {});
  const ext = field(info, 'FileInfo', 'Ext', true)!;
  const allowed = ICE_EXTENSIONS[type];
  if (allowed === 'any' ? !ANY_EXTENSION.test(ext) : !allowed.includes(ext)) throw AliyunFault.invalid('FileInfo.Ext');
  checkInteger('FileInfo.Size', field(info, 'FileInfo', 'Size', false));
  return { ...info, type, ext };
}

function checkMediaMetaData(raw: string, type: IceFileType, ext: string): void {
  const meta = parseJsonObject('MediaMetaData', raw)!;
  const title = field(meta, 'MediaMetaData', 'Title', true);
  checkText('MediaMetaData.Title', title, { maxChars: ICE_MEDIA.TITLE_MAX_CHARS });
  checkText('MediaMetaData.Description', field(meta, 'MediaMetaData', 'Description', false), {
    maxChars: ICE_MEDIA.DESCRIPTION_MAX_CHARS,
    allowLineBreaks: true,
  });
  checkTags('MediaMetaData.Tags', field(meta, 'MediaMetaData', 'Tags', false), ICE_MEDIA.TAGS_MAX, { maxBytes: ICE_MEDIA.TAG_MAX_BYTES });
  checkInteger('MediaMetaData.CateId', field(meta, 'MediaMetaData', 'CateId', false));
  const businessType = field(meta, 'MediaMetaData', 'BusinessType', true)!;
  checkOneOf('MediaMetaData.BusinessType', businessType, ICE_BUSINESS_TYPES[type]);
  const narrowed = ICE_EXTENSIONS_BY_BUSINESS_TYPE[businessType];
  if (narrowed && !narrowed.includes(ext)) throw AliyunFault.invalid('FileInfo.Ext');
  const cover = field(meta, 'MediaMetaData', 'CoverURL', false);
  checkUrl('MediaMetaData.CoverURL', cover);
  checkText('MediaMetaData.CoverURL', cover, { maxBytes: ICE_MEDIA.COVER_URL_MAX_BYTES });
}

function checkTargets(params: CallContext['params'], type: IceFileType): string | undefined {
  const target = parseJsonObject('UploadTargetConfig', params.optional('UploadTargetConfig'));
  let storageLocation: string | undefined;
  if (target) {
    checkOneOf('UploadTargetConfig.StorageType', field(target, 'UploadTargetConfig', 'StorageType', true), [ICE_STORAGE_TYPE]);
    storageLocation = field(target, 'UploadTargetConfig', 'StorageLocation', true)!;
    // "You cannot set this field to an OSS URL": only VOD storage (seed).
    if (!isStorageLocation(storageLocation))
      throw new AliyunFault(404, 'InvalidStorage.NotFound', 'The specified storage location does not exist.');
  }
  const post = parseJsonObject('PostProcessConfig', params.optional('PostProcessConfig'));
  if (post) {
    if (!ICE_POST_PROCESS_TYPES.includes(type)) throw AliyunFault.invalid('PostProcessConfig');
    checkOneOf('PostProcessConfig.ProcessType', field(post, 'PostProcessConfig', 'ProcessType', true), [ICE_PROCESS_TYPE]);
    if (!RESOURCE_ID.test(field(post, 'PostProcessConfig', 'ProcessID', true)!)) throw AliyunFault.invalid('PostProcessConfig.ProcessID');
  }
  return storageLocation;
}

/** ICE 2020-11-09: CreateUploadMedia and RefreshUploadMedia, and GetMediaInfo and DeleteMediaInfos (ice-media-operations). */
export function iceEmulator(
  gateway: AliyunGateway,
  storage: EmulatedStorage,
  catalog: AliyunMediaCatalog,
  events?: UploadEvents,
  region?: string,
): ProviderEmulator {
  const media = new Map<string, MediaRecord>();

  function createUploadMedia({ accessKeyId, params }: CallContext) {
    const appId = params.optional('AppId');
    if (appId !== undefined && !APP_ID.test(appId)) throw AliyunFault.invalid('AppId');
    const entityId = params.optional('EntityId');
    if (entityId !== undefined && !ENTITY_ID.test(entityId)) throw AliyunFault.invalid('EntityId');
    const fileInfo = checkFileInfo(params.required('FileInfo'));
    checkMediaMetaData(params.required('MediaMetaData'), fileInfo.type, fileInfo.ext);
    const storageLocation = checkTargets(params, fileInfo.type);
    checkUserData(params.optional('UserData'));

    const target = storageTarget(storageLocation, accessKeyId, region);
    const mediaId = newMediaId();
    const objectKey = sourceObjectKey(fileInfo.ext);
    const url = objectUrl(target, objectKey);
    const grant: UploadGrant = {
      target,
      objectKey,
      upload: { provider: 'aliyun-ims', mediaKind: fileInfo.type, mediaId, fileUrl: url, userData: params.optional('UserData') },
    };
    const record = { accessKeyId, grant, uploadAddress: uploadAddress(storage, grant) };
    media.set(mediaId, record);
    const title = field(parseJsonObject('MediaMetaData', params.required('MediaMetaData'))!, 'MediaMetaData', 'Title', true);
    catalog.add({
      product: 'aliyun-ims',
      kind: 'ims-media',
      id: mediaId,
      accessKeyId,
      target,
      objectKey,
      fileUrl: url,
      title,
      type: fileInfo.type,
    });
    events?.aliyunMediaIssued('aliyun-ims', 'ims-media', mediaId, url, params.optional('UserData'), fileInfo.type);
    // MediaURL is empty without a CDN domain, as in the documented sample answer.
    return { MediaId: mediaId, MediaURL: '', FileURL: url, UploadAddress: record.uploadAddress, UploadAuth: uploadAuth(storage, grant) };
  }

  /** RefreshUploadMedia lists no code of its own: an unknown MediaId gets IMS's common ResourceNotFound (404), as GetMediaInfo does. */
  function refreshUploadMedia({ accessKeyId, params }: CallContext) {
    const mediaId = params.required('MediaId');
    const record = media.get(mediaId);
    if (!record || record.accessKeyId !== accessKeyId)
      throw new AliyunFault(ICE_MEDIA_NOT_FOUND.status, ICE_MEDIA_NOT_FOUND.code, ICE_MEDIA_NOT_FOUND.message);
    return { MediaId: mediaId, UploadAddress: record.uploadAddress, UploadAuth: uploadAuth(storage, record.grant) };
  }

  return aliyunService('aliyun-ice', ICE_API_VERSION, HOST, gateway, {
    CreateUploadMedia: createUploadMedia,
    RefreshUploadMedia: refreshUploadMedia,
    ...iceMediaOperations(catalog),
  });
}
