import { validationProblem } from '@app/common';
import type { KindSpec } from '@app/registry';
import { created, defineKind, ok, UPLOAD_PROBLEMS } from '@app/uploads';
import { IMS } from '../../aliyun.products';
import { aliyunProblems, CREATE_UPLOAD_MEDIA, REFRESH_UPLOAD_MEDIA } from '../../client';
import { CREATE_UPLOAD_MEDIA_EXAMPLES, CreateUploadMediaDto } from './dto/create-upload-media.dto';
import { IMS_MEDIA_REFRESH_EXAMPLE, IMS_MEDIA_UPLOAD_EXAMPLE, ImsMediaRefreshDto, ImsMediaUploadDto } from './dto/ims-media-upload.dto';
import { MediaService } from './media.service';

const MEDIA: KindSpec = { id: 'aliyun-ims-media', product: IMS, permission: 'upload:media', quota: 50, callsUpstream: true };
const MEDIA_REFRESH: KindSpec = { id: 'aliyun-ims-media-refresh', product: IMS, permission: 'upload:media', callsUpstream: true };

/** IMS (ICE) CreateUploadMedia: a new media asset. */
export const IMS_MEDIA = defineKind({
  spec: MEDIA,
  issuer: MediaService,
  issue: (media, { user, body }) => media.create(MEDIA, user, body),
  route: {
    path: 'aliyun-ims/media',
    idempotent: true,
    invalid: validationProblem(
      'the request body `{"fileInfo":{"type":"video","name":"clip","ext":"mp4"},"mediaMetaData":{"title":" ","businessType":"general"}}`',
      [{ field: 'mediaMetaData.title', message: 'title must not be empty or blank' }],
    ),
    upstream: aliyunProblems(CREATE_UPLOAD_MEDIA),
    operationId: 'createAliyunImsMediaUpload',
    summary: 'Upload address and credential for a new media asset (IMS CreateUploadMedia).',
    body: { type: CreateUploadMediaDto, examples: CREATE_UPLOAD_MEDIA_EXAMPLES },
    answer: created(ImsMediaUploadDto, 'The media asset is created; upload with uploadAddress and uploadAuth.', IMS_MEDIA_UPLOAD_EXAMPLE),
  },
});

/** IMS (ICE) RefreshUploadMedia: a fresh credential for the owner's media asset. */
export const IMS_MEDIA_REFRESH = defineKind({
  spec: MEDIA_REFRESH,
  issuer: MediaService,
  issue: (media, { user, param }) => media.refresh(MEDIA, user, param),
  route: {
    path: 'aliyun-ims/media/:mediaId/refresh',
    upstream: aliyunProblems(REFRESH_UPLOAD_MEDIA),
    problems: [UPLOAD_PROBLEMS.notFound, UPLOAD_PROBLEMS.completed, UPLOAD_PROBLEMS.revoked],
    operationId: 'refreshAliyunImsMediaUpload',
    summary: 'A fresh upload credential for your media asset (IMS RefreshUploadMedia). No body.',
    param: { name: 'mediaId', description: 'A media id this service issued to you.', example: '****20b48fb04483915d4f2cd8ac****' },
    answer: ok(ImsMediaRefreshDto, 'The same uploadAddress with a fresh uploadAuth.', IMS_MEDIA_REFRESH_EXAMPLE),
  },
});
